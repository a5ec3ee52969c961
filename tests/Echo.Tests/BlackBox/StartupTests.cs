using System.Net;
using System.Net.Sockets;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.BlackBox;

public sealed class StartupTests
{
    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task BadConfigurationStopsWithOneLineNamingTheKey(string build)
    {
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["Echo__MaxQueryBytes"] = "lots" }, waitUntilListening: false);

        Assert.Equal(2, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var error = Assert.Single(echo.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Echo:MaxQueryBytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task ATakenPortStopsWithOneLineSayingSo(string build)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build), urls: url, waitUntilListening: false);

        Assert.Equal(3, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var error = Assert.Single(echo.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("address already in use", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task ManagementUrlsServeHealthAndMetricsApartFromTheApi(string build)
    {
        var port = FreePort.Next();
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["Echo__ManagementUrls"] = $"http://127.0.0.1:{port}" });
        using var main = echo.CreateClient();
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.OK, (await main.GetAsync("/api?a=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await main.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await main.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task RunsAsNonRootUserOnAReadOnlyRootFilesystem(string build)
    {
        // A private mount namespace whose root is remounted read-only, then drop to nobody (65534).
        string[] wrapper =
        [
            "unshare", "--mount", "--", "sh", "-c",
            "mount -o remount,bind,ro / && exec setpriv --reuid 65534 --regid 65534 --clear-groups \"$@\"", "sh",
        ];
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["HOME"] = "/nonexistent" }, wrapper: wrapper);
        using var client = echo.CreateClient();

        var response = await client.GetAsync("/api?who=nobody");
        var ready = await client.GetAsync("/readyz");
        var user = File.ReadAllLines($"/proc/{echo.ProcessId}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        echo.Signal(Signals.SigTerm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("Uid:\t65534", user, StringComparison.Ordinal);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(echo.AccessLines);
    }
}
