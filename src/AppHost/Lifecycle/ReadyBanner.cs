using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Lifecycle;

/// <summary>Once every resource is healthy, says where to go: the entry point, the dashboard, Prometheus, Alertmanager.</summary>
public sealed partial class ReadyBanner(
    LocalSystem system,
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IConfiguration configuration,
    ILogger<ReadyBanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Aspire's own helpers (e.g. a project's rebuilder) never start: wait for what has a health check.
            var checkedResources = model.Resources.Where(resource => resource.TryGetAnnotationsOfType<HealthCheckAnnotation>(out _));
            await Task.WhenAll(checkedResources.Select(resource => notifications.WaitForResourceHealthyAsync(resource.Name, stoppingToken)));
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(off)";
        var entry = $"{system.EntryUrl}/api?hello=world";
        LogReady(logger, system.Ports.Echo.Count, entry, dashboard, system.PrometheusUrl, system.AlertmanagerUrl, system.S3Url, system.Layout.State);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = """
        Shipshape is up. Ctrl-C stops everything.
              Entry point (nginx -> {Replicas} Echo replicas): {Entry}
              Aspire dashboard:                      {Dashboard} (log in with the link above)
              Prometheus:                            {Prometheus}
              Alertmanager:                          {Alertmanager}
              S3 server (bucket logs):               {S3}
              State (configs, logs, data):           {State}
        """)]
    private static partial void LogReady(ILogger logger, int replicas, string entry, string dashboard, string prometheus, string alertmanager, string s3, string state);
}
