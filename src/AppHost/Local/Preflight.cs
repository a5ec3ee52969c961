namespace Shipshape.AppHost.Local;

/// <summary>
/// What must hold before anything starts, each problem named with what to do: a missing program or a taken port is
/// reported in one line, not as a resource that fails later with a stack trace.
/// </summary>
public static class Preflight
{
    private const string Install = "run ./run.sh (it installs what is missing) or scripts/install-deps.sh run";

    public static IReadOnlyList<string> Problems(LocalSettings settings, LocalLayout layout, Tools tools)
    {
        var problems = settings.Problems().ToList();
        Require(problems, tools.Nginx, "nginx (the load balancer) is not installed: apt-get install nginx-light, or " + Install);
        Require(problems, tools.NginxExporter, "the nginx Prometheus exporter is not installed: apt-get install prometheus-nginx-exporter, or " + Install);
        Require(problems, tools.Prometheus, "prometheus is not installed: apt-get install prometheus, or " + Install);
        Require(problems, tools.Alertmanager, "alertmanager is not installed: apt-get install prometheus-alertmanager, or " + Install);
        Require(problems, tools.Node, "node (it runs the local S3 server) is not installed: apt-get install nodejs npm, or " + Install);
        if (!Directory.Exists(layout.S3ServerModule))
        {
            problems.Add($"the local S3 server (npm package @20minutes/s3rver) is not installed in {layout.Repository}: run npm ci there, or " + Install);
        }
        if (!File.Exists(layout.EchoRules))
        {
            problems.Add($"the chart's Prometheus rules are missing at {layout.EchoRules}: run from a complete checkout of the repository");
        }
        foreach (var (key, port, what) in new[]
        {
            ("EntryPort", settings.EntryPort, "the entry point (nginx)"),
            ("PrometheusPort", settings.PrometheusPort, "Prometheus"),
            ("AlertmanagerPort", settings.AlertmanagerPort, "Alertmanager"),
        })
        {
            if (port > 0 && !LocalPorts.IsFree(port))
            {
                problems.Add($"port {port} for {what} is taken on 127.0.0.1 (another run still up, or another program): stop it, " +
                    $"or choose another with --{LocalSettings.Section}:{key}=PORT (0 picks a free one)");
            }
        }
        return problems;
    }

    private static void Require(List<string> problems, string? found, string problem)
    {
        if (found is null)
        {
            problems.Add(problem);
        }
    }
}
