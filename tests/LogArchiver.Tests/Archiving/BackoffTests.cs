using Shipshape.LogArchiver.Archiving;

namespace Shipshape.LogArchiver.Tests.Archiving;

public sealed class BackoffTests
{
    [Fact]
    public void EachFailureDoublesTheWaitWithJitterUpToTheMaximum()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        foreach (var (failures, cap) in new[] { (1, 1.0), (2, 2.0), (3, 4.0), (6, 32.0), (7, 60.0), (50, 60.0) })
        {
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(failures).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, cap / 2, cap));
            // Jitter: retries of many archivers after a shared outage do not line up.
            Assert.True(delays.Distinct().Count() > 100, $"{failures} failures: delays should vary");
        }
    }
}
