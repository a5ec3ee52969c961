namespace Shipshape.AppHost.Local;

/// <summary>The programs the local system runs, found on PATH (and in sbin, where Debian puts nginx).</summary>
public sealed record Tools(string? Nginx, string? NginxExporter, string? Prometheus, string? Alertmanager, string? Node)
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    // Debian names the Alertmanager and nginx exporter binaries after their packages.
    public static Tools Find() => new(
        Which("nginx"),
        Which("nginx-prometheus-exporter") ?? Which("prometheus-nginx-exporter"),
        Which("prometheus"),
        Which("alertmanager") ?? Which("prometheus-alertmanager"),
        Which("node"));

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
