using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.ServiceDefaults.Health;

/// <summary>
/// Turns ready once the server listens; on SIGTERM or SIGINT turns not-ready at once and keeps serving for the
/// drain delay before the host closes the listener and waits for in-flight requests (within the shutdown timeout).
/// </summary>
public sealed partial class GracefulShutdown(
    Readiness readiness, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // Registered after the host's own callbacks, so it runs first (callbacks run last-in, first-out):
        // readiness turns false before anything else happens, even if logging is slow.
        lifetime.ApplicationStopping.Register(readiness.MarkDraining);
        readiness.MarkStarted();
        LogReady(logger);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.MarkDraining();
        var delay = options.Value.DrainDelay;
        LogDraining(logger, delay.TotalMilliseconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown budget ran out during the drain; the host goes on stopping.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogStopped(logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Ready: accepting requests")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Draining: not ready; serving {DrainDelayMs} ms more before closing the listener")]
    private static partial void LogDraining(ILogger logger, double drainDelayMs);

    [LoggerMessage(3, LogLevel.Information, "Stopped: listener closed and in-flight requests finished; flushing the log")]
    private static partial void LogStopped(ILogger logger);
}
