namespace Shipshape.AppHost.Local;

/// <summary>Everything decided before the first process starts: settings, paths, ports, programs and the webhook's certificate.</summary>
public sealed record LocalSystem(LocalSettings Settings, LocalLayout Layout, LocalPorts Ports, Tools Tools, WebhookCertificates Certificates)
{
    /// <summary>The S3 bucket the archiver writes to (created by the local S3 server at start).</summary>
    public const string Bucket = "logs";

    /// <summary>The local S3 server's fixed credentials (not a secret: it accepts nothing else and listens on 127.0.0.1 only).</summary>
    public const string S3AccessKey = "S3RVER";

    public string S3Url => $"http://127.0.0.1:{Ports.S3}";

    public string EntryUrl => $"http://127.0.0.1:{Ports.Entry}";

    public string PrometheusUrl => $"http://127.0.0.1:{Ports.Prometheus}";

    public string AlertmanagerUrl => $"http://127.0.0.1:{Ports.Alertmanager}";

    public string AdmissionUrl => $"https://127.0.0.1:{Ports.Admission}";
}
