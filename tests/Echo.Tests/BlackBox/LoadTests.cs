using System.Net;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.BlackBox;

public sealed class LoadTests
{
    private const int Requests = 20_000;
    private const int Concurrency = 32;

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task TensOfThousandsOfRequestsLeaveExactlyOneLineEachOnStdout(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build));
        using var client = echo.CreateClient(Concurrency);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var next = -1;
        var failures = 0;

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Requests; i = Interlocked.Increment(ref next))
            {
                using var response = await client.GetAsync($"/api?id={i}&user=u{i % 97}&tag=a&tag=b", bound.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        echo.Signal(Signals.SigTerm);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(0, failures);
        var ids = echo.AccessLines.Select(l => int.Parse(l.GetProperty("query").GetProperty("id")[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Requests, ids.Length);
        Assert.Equal(Enumerable.Range(0, Requests), ids.Order());
    }
}
