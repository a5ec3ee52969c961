using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>
/// Liveness: the archive loop has made progress recently. A loop stuck (not an outage: failing uploads still beat)
/// gets the container restarted; the directory keeps the segments meanwhile.
/// </summary>
public sealed class ArchiveLoopHealthCheck(TimeSpan stallAfter, TimeProvider? time = null) : IHealthCheck
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _lastBeat = (time ?? TimeProvider.System).GetTimestamp();

    public void Beat() => Interlocked.Exchange(ref _lastBeat, _time.GetTimestamp());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var quiet = _time.GetElapsedTime(Interlocked.Read(ref _lastBeat));
        return Task.FromResult(quiet <= stallAfter
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"the archive loop has not progressed for {quiet.TotalSeconds:F0} s"));
    }
}
