namespace Shipshape.AppHost.Local;

/// <summary>Where everything of one local run lives: the repository it runs from and the state directory it writes to.</summary>
public sealed record LocalLayout(string Repository, string State)
{
    public static LocalLayout Create(string appHostDirectory, LocalSettings settings)
    {
        var repository = Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".."));
        return new LocalLayout(repository, Path.GetFullPath(Path.Combine(repository, settings.StateDirectory)));
    }

    /// <summary>Echo's segment files, shared by the replicas and read by the archiver (the pod's emptyDir in the chart).</summary>
    public string Logs => Path.Combine(State, "logs");

    public string S3Data => Path.Combine(State, "s3");

    public string Tls => Path.Combine(State, "tls");

    public string Nginx => Path.Combine(State, "nginx");

    public string Prometheus => Path.Combine(State, "prometheus");

    public string Alertmanager => Path.Combine(State, "alertmanager");

    /// <summary>The chart's alert and recording rules, loaded as they are: one source of truth for cluster and laptop.</summary>
    public string EchoRules => Path.Combine(Repository, "deploy", "charts", "echo", "files", "prometheus", "echo-rules.yaml");

    public string EchoDashboard => Path.Combine(Repository, "deploy", "charts", "echo", "files", "grafana", "echo-dashboard.json");

    public string S3ServerScript => Path.Combine(Repository, "scripts", "s3", "s3-server.mjs");

    public string S3ServerModule => Path.Combine(Repository, "node_modules", "@20minutes", "s3rver");

    public string Directory(string name)
    {
        var path = Path.Combine(State, name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
