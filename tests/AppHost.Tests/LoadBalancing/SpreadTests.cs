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

        var served = (await CountsAsync()).Select((after, i) => after - before[i]).ToArray();
        Assert.Empty(failed);
        Assert.Equal(Requests, served.Sum());
        var share = Requests / (double)served.Length;
        Assert.All(served, count => Assert.InRange(count, share * 0.9, share * 1.1));
    }

    private async Task<long[]> CountsAsync() =>
        await Task.WhenAll(system.System.Ports.Echo.Select(EchoReplicaMetrics.ApiRequestsAsync));
}
