using System.Text.Json;
using Shipshape.Echo.Image.Tests.Support;

namespace Shipshape.Echo.Image.Tests;

/// <summary>What the Dockerfile's images declare: user, entrypoint, port, labels, size.</summary>
[Collection(BuiltImages.Name)]
public sealed class ImageConfigTests(ImageFixture images)
{
    [Fact]
    public Task AotImageRunsAsNonRootNumericUser() => AssertNonRootNumericUserAsync("aot");

    [Fact]
    public Task JitImageRunsAsNonRootNumericUser() => AssertNonRootNumericUserAsync("jit");

    [Fact]
    public async Task AotImageEntrypointNeedsNoShell()
    {
        var entrypoint = await EntrypointAsync("aot");

        Assert.Equal(["/app/Echo"], entrypoint);
        await AssertNativeExecutableAsync("aot", entrypoint[0]);
    }

    [Fact]
    public async Task JitImageEntrypointNeedsNoShell()
    {
        var entrypoint = await EntrypointAsync("jit");

        Assert.Equal(["/usr/bin/dotnet", "/app/Echo.dll"], entrypoint);
        await AssertNativeExecutableAsync("jit", entrypoint[0]);
    }

    [Theory]
    [InlineData("aot")]
    [InlineData("jit")]
    public async Task ImageExposesPort8080(string kind)
    {
        var config = await images.Buildah.ImageConfigAsync(images.Image(kind));

        Assert.Equal(["8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("aot")]
    [InlineData("jit")]
    public async Task ImageCarriesOciLabelsWithTheBuiltRevision(string kind)
    {
        var labels = (await images.Buildah.ImageConfigAsync(images.Image(kind))).GetProperty("Labels");

        Assert.Equal("echo", labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(images.State["REVISION"], labels.GetProperty("org.opencontainers.image.revision").GetString());
        foreach (var name in new[] { "description", "source", "licenses", "version" })
        {
            Assert.False(string.IsNullOrWhiteSpace(labels.GetProperty($"org.opencontainers.image.{name}").GetString()), name);
        }
    }

    [Fact]
    public void AotImageIsSmallerThan190MegabytesAndThanTheJitImage()
    {
        // Measured: aot 167 MB (155 MB of it the runtime-deps base), jit 265 MB (uncompressed).
        Assert.InRange(images.SizeMegabytes("aot"), 1, 189);
        Assert.True(images.SizeMegabytes("aot") < images.SizeMegabytes("jit"),
            $"aot {images.SizeMegabytes("aot")} MB is not smaller than jit {images.SizeMegabytes("jit")} MB");
    }

    [Fact]
    public async Task AotImageAddsUnder25MegabytesToItsBase()
    {
        await using var container = await images.Buildah.FromAsync(images.Image("aot"));
        var root = await container.MountAsync();

        var appBytes = new DirectoryInfo(Path.Combine(root, "app")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

        Assert.InRange(appBytes, 1, 25_000_000);
    }

    private async Task AssertNonRootNumericUserAsync(string kind)
    {
        var user = (await images.Buildah.ImageConfigAsync(images.Image(kind))).GetProperty("User").GetString();

        // Numeric, so Kubernetes' runAsNonRoot can check it without a passwd file.
        Assert.Matches(@"^[0-9]+(:[0-9]+)?$", user);
        Assert.NotEqual("0", user!.Split(':')[0]);
    }

    private async Task<string[]> EntrypointAsync(string kind)
    {
        var config = await images.Buildah.ImageConfigAsync(images.Image(kind));
        Assert.Equal(JsonValueKind.Array, config.GetProperty("Entrypoint").ValueKind);
        Assert.True(!config.TryGetProperty("Cmd", out var cmd) || cmd.ValueKind == JsonValueKind.Null || cmd.GetArrayLength() == 0,
            "a Cmd would be passed to the entrypoint as arguments");
        return [.. config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>The entrypoint is an ELF binary in the image, not a script that needs an interpreter.</summary>
    private async Task AssertNativeExecutableAsync(string kind, string path)
    {
        await using var container = await images.Buildah.FromAsync(images.Image(kind));
        var root = await container.MountAsync();
        var file = ResolveInRoot(root, path);

        var magic = new byte[4];
        await using (var stream = File.OpenRead(file))
        {
            await stream.ReadExactlyAsync(magic);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    private static string ResolveInRoot(string root, string path)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var info = new FileInfo(Path.Combine(root, path.TrimStart('/')));
            if (info.LinkTarget is null)
            {
                return info.FullName;
            }

            path = info.LinkTarget.StartsWith('/') ? info.LinkTarget : Path.Combine(Path.GetDirectoryName(path)!, info.LinkTarget);
        }

        throw new InvalidOperationException($"too many symbolic links at {path}");
    }
}
