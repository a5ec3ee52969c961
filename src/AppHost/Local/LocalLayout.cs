namespace Shipshape.AppHost.Local;

/// <summary>Where everything of one local run lives: the repository it runs from and the state directory it writes to.</summary>
public sealed record LocalLayout(string Repository, string State)
{
    public static LocalLayout Create(string appHostDirectory, LocalSettings settings)
    {
        var repository = Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".."));
        return new LocalLayout(repository, Path.GetFullPath(Path.Combine(repository, settings.StateDirectory)));
    }

    public string Tls => Path.Combine(State, "tls");

    /// <summary>The chart's alert and recording rules, loaded as they are: one source of truth for cluster and laptop.</summary>
    public string EchoRules => Path.Combine(Repository, "deploy", "charts", "echo", "files", "prometheus", "echo-rules.yaml");

    public string EchoDashboard => Path.Combine(Repository, "deploy", "charts", "echo", "files", "grafana", "echo-dashboard.json");

    public string S3ServerScript => Path.Combine(Repository, "scripts", "s3", "s3-server.mjs");

    public string S3ServerModule => Path.Combine(Repository, "node_modules", "@20minutes", "s3rver");

    /// <summary>A folder of the state directory, created if missing (e.g. "logs": Echo's segments, shared by the replicas and read by the archiver).</summary>
    public string Directory(string name)
    {
        var path = Path.Combine(State, name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
