using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.LoadBalancing;

[Collection(SharedRunningSystem.Name)]
public sealed class SpreadTests(RunningSystem system)
{
    private const int Requests = 4000;

    [Fact]
    public async Task NginxSpreadsRequestsEvenlyOverEveryReplica()
    {
        var before = await CountsAsync();

        var failed = await Burst.SendAsync(system.Entry, Requests, concurrency: 16);

        var served = await ServedSinceAsync(before);
        Assert.Empty(failed);
        Assert.Equal(Requests, served.Sum());
        var share = Requests / (double)served.Length;
        Assert.All(served, count => Assert.InRange(count, share * 0.9, share * 1.1));
    }

    // ASP.NET Core records a request's metrics as it completes, which can be just after the client has its response:
    // read until every answered request is counted (or give up after a few seconds and let the assertion show the gap).
    private async Task<long[]> ServedSinceAsync(long[] before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var served = (await CountsAsync()).Select((after, i) => after - before[i]).ToArray();
            if (served.Sum() >= Requests || DateTime.UtcNow > deadline)
            {
                return served;
            }

            await Task.Delay(200);
        }
    }

    private async Task<long[]> CountsAsync() =>
        await Task.WhenAll(system.System.Ports.Echo.Select(EchoReplicaMetrics.ApiRequestsAsync));
}
