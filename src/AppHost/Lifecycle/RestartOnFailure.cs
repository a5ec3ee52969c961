using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shipshape.AppHost.Lifecycle;

/// <summary>
/// Starts a service again when its process dies with a failure exit code (killed, crashed), as the kubelet does with a
/// failed container. A service stopped on purpose (the dashboard's Stop, Ctrl-C) exits 0 and stays stopped.
/// </summary>
public sealed partial class RestartOnFailure(
    RestartOnFailure.Watched watched,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ILogger<RestartOnFailure> logger) : BackgroundService
{
    /// <summary>Pause before starting again, so that a service that fails at once does not spin.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public sealed record Watched(IReadOnlySet<string> Names);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handled = new HashSet<(string, DateTime?)>();
        await foreach (var change in notifications.WatchAsync(stoppingToken))
        {
            var snapshot = change.Snapshot;
            if (!watched.Names.Contains(change.Resource.Name)
                || (snapshot.State?.Text != KnownResourceStates.Exited && snapshot.State?.Text != KnownResourceStates.Finished)
                || snapshot.ExitCode is null or 0
                || !handled.Add((change.ResourceId, snapshot.StopTimeStamp)))
            {
                continue;
            }
            LogRestarting(logger, change.Resource.Name, snapshot.ExitCode.Value);
            _ = StartAgainAsync(change.Resource, stoppingToken);
        }
    }

    private async Task StartAgainAsync(IResource resource, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Delay, stoppingToken);
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, resource.Name, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: nothing to start again.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again")]
    private static partial void LogRestarting(ILogger logger, string resource, int exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string reason);
}

public static class RestartOnFailureExtensions
{
    public static IServiceCollection AddRestartOnFailure(this IServiceCollection services, IEnumerable<string> resourceNames)
    {
        services.AddSingleton(new RestartOnFailure.Watched(resourceNames.ToHashSet()));
        return services.AddHostedService<RestartOnFailure>();
    }
}
