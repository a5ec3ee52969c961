using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Resources;

/// <summary>Shipshape's own services, run from their projects with the settings the chart gives them in a cluster.</summary>
public static class ServiceResources
{
    /// <summary>One Echo replica per port, each its own resource so that nginx balances over real processes, file sink on.</summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddEchoReplicas(this IDistributedApplicationBuilder builder, LocalSystem system)
    {
        var logs = system.Layout.Directory("logs");
        return [.. system.Ports.Echo.Select((port, index) => builder.AddProject<Projects.Echo>($"echo-{index + 1}", launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http", isProxied: false)
            .WithEnvironment("FileLog__Directory", logs)
            .WithEnvironment("FileLog__MaxSegmentAge", system.Settings.LogSegmentAge.ToString("c", CultureInfo.InvariantCulture))
            .WithEnvironment("Echo__Faults__ErrorRatio", system.Settings.EchoErrorRatio.ToString(CultureInfo.InvariantCulture))
            // Nothing routes by readiness locally but nginx's passive checks: no need to wait for endpoints to update.
            .WithEnvironment("Echo__Shutdown__DrainDelay", "00:00:01")
            .WithHttpHealthCheck("/readyz"))];
    }

    /// <summary>The log archiver over the replicas' shared log directory, uploading to the local S3 server.</summary>
    public static IResourceBuilder<ProjectResource> AddLogArchiver(this IDistributedApplicationBuilder builder, string name, LocalSystem system) =>
        builder.AddProject<Projects.LogArchiver>(name, launchProfileName: null)
            .WithHttpEndpoint(port: system.Ports.Archiver, name: "http", isProxied: false)
            .WithEnvironment("Archive__Directory", system.Layout.Directory("logs"))
            .WithEnvironment("Archive__Bucket", LocalSystem.Bucket)
            .WithEnvironment("Archive__Namespace", PrometheusConfig.Namespace)
            .WithEnvironment("Archive__Pod", name)
            .WithEnvironment("S3__ServiceUrl", system.S3Url)
            .WithEnvironment("AWS_ACCESS_KEY_ID", LocalSystem.S3AccessKey)
            .WithEnvironment("AWS_SECRET_ACCESS_KEY", LocalSystem.S3AccessKey)
            .WithHttpHealthCheck("/readyz");

    /// <summary>The admission webhook over TLS with the certificate made at this start.</summary>
    public static IResourceBuilder<ProjectResource> AddAdmissionWebhook(this IDistributedApplicationBuilder builder, string name, LocalSystem system)
    {
        var health = $"{name}-tls-ready";
        builder.Services.AddHealthChecks().Add(new(health, _ => new TlsReadinessCheck(new Uri($"{system.AdmissionUrl}/readyz"), system.Certificates), null, null));
        return builder.AddProject<Projects.Admission>(name, launchProfileName: null)
            .WithHttpsEndpoint(port: system.Ports.Admission, name: "https", isProxied: false)
            .WithEnvironment("Tls__CertificatePath", system.Certificates.CertificatePath)
            .WithEnvironment("Tls__KeyPath", system.Certificates.KeyPath)
            .WithHealthCheck(health);
    }
}
