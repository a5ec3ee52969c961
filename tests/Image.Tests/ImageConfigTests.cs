using System.Text.Json;
using Shipshape.Image.Tests.Support;

namespace Shipshape.Image.Tests;

/// <summary>What the Dockerfiles' images declare and hold: user, entrypoint, port, labels, size, no secrets.</summary>
[Collection(BuiltImages.Name)]
public sealed class ImageConfigTests(ImageFixture images)
{
    [Theory]
    [MemberData(nameof(DockerfileImages.All), MemberType = typeof(DockerfileImages))]
    public async Task ImageRunsAsNumericNonRootUser10001(string service, string target)
    {
        var user = (await ConfigAsync(service, target)).GetProperty("User").GetString();

        // Numeric, so Kubernetes' runAsNonRoot can check it without a passwd file; 10001 as the charts expect.
        Assert.Matches(@"^[0-9]+(:[0-9]+)?$", user);
        Assert.Equal("10001", user!.Split(':')[0]);
    }

    [Theory]
    [InlineData("echo", "aot", "/app/Echo")]
    [InlineData("echo", "jit", "/usr/bin/dotnet /app/Echo.dll")]
    [InlineData("admission", "jit", "dotnet /app/Shipshape.Admission.dll")]
    public async Task ImageEntrypointIsExecFormWithoutAShell(string service, string target, string expected)
    {
        var config = await ConfigAsync(service, target);

        Assert.Equal(JsonValueKind.Array, config.GetProperty("Entrypoint").ValueKind);
        Assert.Empty(Buildah.Strings(config, "Cmd")); // a Cmd would be passed to the entrypoint as arguments
        var entrypoint = Buildah.Strings(config, "Entrypoint").ToArray();
        Assert.Equal(expected.Split(' '), entrypoint);
        await AssertNativeExecutableAsync(service, target, entrypoint[0], config);
    }

    [Theory]
    [InlineData("echo", "aot", "8080/tcp", "ASPNETCORE_HTTP_PORTS=8080")]
    [InlineData("echo", "jit", "8080/tcp", "ASPNETCORE_HTTP_PORTS=8080")]
    [InlineData("admission", "jit", "8443/tcp", "ASPNETCORE_URLS=https://+:8443")]
    public async Task ImageExposesAndListensOnItsPort(string service, string target, string port, string listenSetting)
    {
        var config = await ConfigAsync(service, target);

        Assert.Equal([port], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        Assert.Contains(listenSetting, Buildah.Strings(config, "Env"));
    }

    [Theory]
    [MemberData(nameof(DockerfileImages.All), MemberType = typeof(DockerfileImages))]
    public async Task ImageCarriesOciLabelsWithTheBuiltRevision(string service, string target)
    {
        var built = await images.ServiceAsync(service);
        var labels = (await built.Buildah.ImageConfigAsync(built.Image(target))).GetProperty("Labels");

        Assert.Equal(service, labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(built.Revision, labels.GetProperty("org.opencontainers.image.revision").GetString());
        foreach (var name in new[] { "description", "source", "licenses", "version" })
        {
            Assert.False(string.IsNullOrWhiteSpace(labels.GetProperty($"org.opencontainers.image.{name}").GetString()), name);
        }
    }

    [Fact]
    public async Task EchoAotImageIsSmallerThan190MegabytesAndThanTheJitImage()
    {
        var echo = await images.ServiceAsync("echo");

        // Measured: aot 167 MB (155 MB of it the runtime-deps base), jit 265 MB (uncompressed).
        Assert.InRange(echo.SizeMegabytes("aot"), 1, 189);
        Assert.True(echo.SizeMegabytes("aot") < echo.SizeMegabytes("jit"),
            $"aot {echo.SizeMegabytes("aot")} MB is not smaller than jit {echo.SizeMegabytes("jit")} MB");
    }

    [Fact]
    public async Task AdmissionImageIsSmallerThan300Megabytes()
    {
        var admission = await images.ServiceAsync("admission");

        // Measured: 278 MB (uncompressed), 264 MB of it the local aspnet base.
        Assert.InRange(admission.SizeMegabytes("jit"), 1, 299);
    }

    [Theory]
    [InlineData("echo", "aot", 25)]
    [InlineData("admission", "jit", 20)]
    public async Task ImageAddsLittleToItsBase(string service, string target, int megabytes)
    {
        // Measured: echo aot ~12 MB, admission ~13 MB (/app).
        var appBytes = await AppFilesAsync(service, target, files => files.Sum(f => f.Length));

        Assert.InRange(appBytes, 1, megabytes * 1_000_000L);
    }

    [Fact]
    public async Task AdmissionImageHoldsNoCertificateOrKey()
    {
        string[] extensions = [".pem", ".crt", ".cer", ".key", ".pfx", ".p12"];
        var suspicious = await AppFilesAsync("admission", "jit", files => files
            .Where(f => extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase)
                || File.ReadAllText(f.FullName).Contains("-----BEGIN ", StringComparison.Ordinal))
            .Select(f => f.Name)
            .ToList());

        // The serving pair is mounted at run time (deploy/charts/admission: /etc/shipshape/tls), never baked in.
        Assert.Empty(suspicious);
    }

    [Fact]
    public async Task AdmissionImageHasNoTlsDirectoryOfItsOwn()
    {
        var admission = await images.ServiceAsync("admission");
        await using var container = await admission.Buildah.FromAsync(admission.Image("jit"));
        var root = await container.MountAsync();

        Assert.False(Path.Exists(Path.Combine(root, Launch.TlsDirectory.TrimStart('/'))), $"{Launch.TlsDirectory} exists in the image");
    }

    private async Task<JsonElement> ConfigAsync(string service, string target)
    {
        var built = await images.ServiceAsync(service);
        return await built.Buildah.ImageConfigAsync(built.Image(target));
    }

    /// <summary>Applies <paramref name="measure"/> to the files under /app of the image.</summary>
    private async Task<T> AppFilesAsync<T>(string service, string target, Func<IEnumerable<FileInfo>, T> measure)
    {
        var built = await images.ServiceAsync(service);
        await using var container = await built.Buildah.FromAsync(built.Image(target));
        var root = await container.MountAsync();
        return measure(new DirectoryInfo(Path.Combine(root, "app")).EnumerateFiles("*", SearchOption.AllDirectories));
    }

    /// <summary>The entrypoint is an ELF binary in the image (found on the image's PATH if not absolute), not a script.</summary>
    private async Task AssertNativeExecutableAsync(string service, string target, string program, JsonElement config)
    {
        var built = await images.ServiceAsync(service);
        await using var container = await built.Buildah.FromAsync(built.Image(target));
        var root = await container.MountAsync();
        var path = program.StartsWith('/') ? program : FindOnPath(root, program, config);
        var file = ResolveInRoot(root, path);

        var magic = new byte[4];
        await using (var stream = File.OpenRead(file))
        {
            await stream.ReadExactlyAsync(magic);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    /// <summary>Where a container runtime finds a relative program: the first PATH entry of the image's Env holding it.</summary>
    private static string FindOnPath(string root, string program, JsonElement config)
    {
        var path = Buildah.Strings(config, "Env").FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?["PATH=".Length..];
        Assert.False(string.IsNullOrEmpty(path), $"the entrypoint {program} is not absolute and the image sets no PATH");
        var found = path.Split(':').Select(dir => $"{dir}/{program}").FirstOrDefault(p => InRoot(root, p).Exists || InRoot(root, p).LinkTarget is not null);
        Assert.True(found is not null, $"{program} is on no directory of PATH={path} in the image");
        return found;
    }

    private static FileInfo InRoot(string root, string path) => new(Path.Combine(root, path.TrimStart('/')));

    private static string ResolveInRoot(string root, string path)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            var info = InRoot(root, path);
            if (info.LinkTarget is null)
            {
                return info.FullName;
            }

            path = info.LinkTarget.StartsWith('/') ? info.LinkTarget : Path.Combine(Path.GetDirectoryName(path)!, info.LinkTarget);
        }

        throw new InvalidOperationException($"too many symbolic links at {path}");
    }
}
