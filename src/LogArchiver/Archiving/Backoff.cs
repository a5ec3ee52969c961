namespace Shipshape.LogArchiver.Archiving;

/// <summary>Exponential backoff with jitter: attempt n waits between half and all of min(max, base * 2^(n-1)).</summary>
public sealed class Backoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Min(Math.Max(failures, 1) - 1, 30);
        var cap = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Jitter spreads the retries of many pods after a shared outage; the floor keeps the backoff growing.
        return TimeSpan.FromMilliseconds(cap / 2 + (Random.Shared.NextDouble() * cap / 2));
    }
}
