using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Resources;

/// <summary>The platform around the services, as plain processes: nginx (the ingress), Prometheus and Alertmanager.</summary>
public static class PlatformResources
{
    public static IResourceBuilder<ExecutableResource> AddNginx(this IDistributedApplicationBuilder builder, string name, LocalSystem system)
    {
        var directory = system.Layout.Directory("nginx");
        var config = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(config, NginxConfig.Render(directory, system.Ports.Entry, system.Ports.Echo));
        return builder.AddExecutable(name, system.Tools.Nginx!, directory, "-p", directory, "-c", config, "-g", "daemon off;")
            .WithHttpEndpoint(port: system.Ports.Entry, name: "http", isProxied: false)
            .WithHttpHealthCheck(NginxConfig.HealthPath);
    }

    /// <summary>nginx's connection and request counters (stub_status) in the Prometheus format.</summary>
    public static IResourceBuilder<ExecutableResource> AddNginxExporter(this IDistributedApplicationBuilder builder, string name, LocalSystem system) =>
        builder.AddExecutable(name, system.Tools.NginxExporter!, system.Layout.State,
                $"-nginx.scrape-uri={system.EntryUrl}/nginx-status",
                $"-web.listen-address=127.0.0.1:{system.Ports.NginxExporter}")
            .WithHttpEndpoint(port: system.Ports.NginxExporter, name: "http", isProxied: false)
            .WithHttpHealthCheck("/metrics");

    public static IResourceBuilder<ExecutableResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, LocalSystem system)
    {
        var directory = system.Layout.Directory("prometheus");
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, PrometheusConfig.Render(system.Layout, system.Ports, system.Certificates, system.Settings.ScrapeInterval));
        return builder.AddExecutable(name, system.Tools.Prometheus!, directory,
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{system.Ports.Prometheus}",
                $"--web.external-url={system.PrometheusUrl}",
                "--storage.tsdb.retention.time=7d")
            .WithHttpEndpoint(port: system.Ports.Prometheus, name: "http", isProxied: false)
            .WithHttpHealthCheck("/-/ready");
    }

    public static IResourceBuilder<ExecutableResource> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, LocalSystem system)
    {
        var directory = system.Layout.Directory("alertmanager");
        var config = Path.Combine(directory, "alertmanager.yml");
        File.WriteAllText(config, AlertmanagerConfig.Render());
        return builder.AddExecutable(name, system.Tools.Alertmanager!, directory,
                $"--config.file={config}",
                $"--storage.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{system.Ports.Alertmanager}",
                $"--web.external-url={system.AlertmanagerUrl}",
                // One instance: no gossip port to open or to collide with.
                "--cluster.listen-address=")
            .WithHttpEndpoint(port: system.Ports.Alertmanager, name: "http", isProxied: false)
            .WithHttpHealthCheck("/-/ready");
    }
}
