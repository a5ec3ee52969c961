using Microsoft.Extensions.Configuration;

namespace Shipshape.AppHost.Local;

/// <summary>Settings of the local system, from the <c>Local</c> configuration section (appsettings.json, <c>--Local:…</c>, <c>Local__…</c>).</summary>
public sealed class LocalSettings
{
    public const string Section = "Local";

    /// <summary>Where generated configs, certificates, logs, the S3 server's objects and Prometheus' data live. Relative to the repository.</summary>
    public string StateDirectory { get; set; } = "artifacts/local";

    /// <summary>The entry point (nginx) on 127.0.0.1; 0 picks a free port.</summary>
    public int EntryPort { get; set; } = 8080;

    /// <summary>Prometheus on 127.0.0.1; not its usual 9090, which a Prometheus installed from apt may already be serving.</summary>
    public int PrometheusPort { get; set; } = 19090;

    /// <summary>Alertmanager on 127.0.0.1; not its usual 9093, for the same reason.</summary>
    public int AlertmanagerPort { get; set; } = 19093;

    /// <summary>Echo replicas behind nginx; the chart's minimum is 4.</summary>
    public int EchoReplicas { get; set; } = 4;

    /// <summary>Share of /api requests each Echo replica answers with an injected 500 (Echo:Faults:ErrorRatio); 0 is off.</summary>
    public double EchoErrorRatio { get; set; }

    /// <summary>Echo closes its open log segment after this long (FileLog:MaxSegmentAge), so that a quiet local run's lines reach S3.</summary>
    public TimeSpan LogSegmentAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often Prometheus scrapes and evaluates rules; short, so that a local run shows changes quickly.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(2);

    public static LocalSettings Load(IConfiguration configuration)
    {
        var settings = new LocalSettings();
        configuration.GetSection(Section).Bind(settings);
        return settings;
    }

    /// <summary>Problems with the values themselves, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (key, port) in new[] { ("EntryPort", EntryPort), ("PrometheusPort", PrometheusPort), ("AlertmanagerPort", AlertmanagerPort) })
        {
            if (port is < 0 or > 65535)
            {
                yield return $"{Section}:{key} must be a port between 0 and 65535 (0 picks a free one), not {port}";
            }
        }
        if (EchoReplicas is < 1 or > 16)
        {
            yield return $"{Section}:EchoReplicas must be between 1 and 16, not {EchoReplicas}";
        }
        if (EchoErrorRatio is < 0 or > 1)
        {
            yield return $"{Section}:EchoErrorRatio must be between 0 and 1, not {EchoErrorRatio}";
        }
        if (LogSegmentAge < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:LogSegmentAge must be at least 00:00:01, not {LogSegmentAge}";
        }
        if (ScrapeInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:ScrapeInterval must be at least 00:00:01, not {ScrapeInterval}";
        }
    }
}
