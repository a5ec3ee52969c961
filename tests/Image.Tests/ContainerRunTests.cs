using System.Net;
using System.Text.Json;
using Shipshape.Echo.Image.Tests.Support;

namespace Shipshape.Echo.Image.Tests;

/// <summary>The images run for real: entrypoint as declared, HTTP on 127.0.0.1, SIGTERM, exit code.</summary>
[Collection(BuiltImages.Name)]
public sealed class ContainerRunTests(ImageFixture images)
{
    [Theory]
    [InlineData("aot")]
    [InlineData("jit")]
    public async Task ContainerAnswersApiAndStopsOnSigterm(string kind)
    {
        var entrypoint = await EntrypointAsync(images.Image(kind));
        await using var echo = await RunningEcho.StartAsync(images.Buildah, images.Image(kind), entrypoint);

        var body = await echo.Client.GetStringAsync("/api?id=one&tag=a&tag=b");
        using var ready = await echo.Client.GetAsync("/readyz");
        var uid = RunningEcho.UidOf(await echo.ListenerPidAsync());
        var exitCode = await echo.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("""{"query":{"id":["one"],"tag":["a","b"]}}""", body);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(10001, uid);
        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{echo.Output}");
        Assert.Contains(echo.Output.Split('\n'), line => line.StartsWith('{') && line.Contains("\"query\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aot")]
    [InlineData("jit")]
    public async Task ContainerWritesNothingToItsFileSystemSoARootReadOnlyFileSystemWorks(string kind)
    {
        var entrypoint = await EntrypointAsync(images.Image(kind));
        var since = DateTime.UtcNow.AddSeconds(-1);
        await using var echo = await RunningEcho.StartAsync(images.Buildah, images.Image(kind), entrypoint);
        var root = await echo.Container.MountAsync();
        // Start-up, requests and shutdown: the moments a runtime likes to write.
        await echo.Client.GetStringAsync("/api?x=1");
        await echo.Client.GetStringAsync("/metrics");
        var exitCode = await echo.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{echo.Output}");
        var written = WrittenSince(root, since).ToList();

        Assert.True(written.Count == 0, "written at run time: " + string.Join(", ", written));
    }

    [Fact]
    public async Task PublishContainerImageRunsAsNonRoot()
    {
        var image = images.Image("publish");
        var config = await images.Buildah.ImageConfigAsync(image);
        Assert.Equal("10001", config.GetProperty("User").GetString());
        Assert.Contains("8080/tcp", config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));

        await using var echo = await RunningEcho.StartAsync(images.Buildah, image, await EntrypointAsync(image));
        var uid = RunningEcho.UidOf(await echo.ListenerPidAsync());
        var body = await echo.Client.GetStringAsync("/api?x=1");
        var exitCode = await echo.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{echo.Output}");

        Assert.Equal("""{"query":{"x":["1"]}}""", body);
        Assert.Equal(10001, uid);
    }

    private async Task<string[]> EntrypointAsync(string image)
    {
        var config = await images.Buildah.ImageConfigAsync(image);
        var entrypoint = config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!);
        var cmd = config.TryGetProperty("Cmd", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(e => e.GetString()!)
            : [];
        return [.. entrypoint, .. cmd];
    }

    private static IEnumerable<string> WrittenSince(string root, DateTime since)
    {
        string[] skipped = ["proc", "sys", "dev", "run"];
        // Written by `buildah run` itself before the entrypoint starts (a runtime bind-mounts them).
        string[] runtimeFiles = ["etc/hosts", "etc/resolv.conf", "etc/hostname"];
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return new DirectoryInfo(root).EnumerateFileSystemInfos("*", options)
            .Where(f => !skipped.Contains(Path.GetRelativePath(root, f.FullName).Split('/')[0]))
            .Where(f => f is FileInfo && f.LastWriteTimeUtc >= since)
            .Where(f => !runtimeFiles.Contains(Path.GetRelativePath(root, f.FullName)))
            .Select(f => "/" + Path.GetRelativePath(root, f.FullName));
    }
}
