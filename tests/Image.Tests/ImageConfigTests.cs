using Shipshape.Image.Tests.Support;

namespace Shipshape.Image.Tests;

/// <summary>What the Dockerfiles' images declare and hold: user, entrypoint, port, labels, size, no secrets.</summary>
[Collection(BuiltImages.Name)]
public sealed class ImageConfigTests(ImageFixture images)
{
    [Theory]
    [MemberData(nameof(DockerfileImages.All), MemberType = typeof(DockerfileImages))]
    public async Task ImageRunsAsNumericNonRootUser10001(string service, string target) =>
        await ImageChecks.AssertRunsAsNumericNonRootUser10001Async(await images.ServiceAsync(service), target);

    [Theory]
    [InlineData("echo", "aot", "/app/Echo")]
    [InlineData("echo", "jit", "/usr/bin/dotnet /app/Echo.dll")]
    [InlineData("admission", "jit", "dotnet /app/Shipshape.Admission.dll")]
    public async Task ImageEntrypointIsExecFormWithoutAShell(string service, string target, string expected) =>
        await ImageChecks.AssertEntrypointIsExecFormWithoutAShellAsync(await images.ServiceAsync(service), target, expected);

    [Theory]
    [InlineData("echo", "aot", "8080/tcp", "ASPNETCORE_HTTP_PORTS=8080")]
    [InlineData("echo", "jit", "8080/tcp", "ASPNETCORE_HTTP_PORTS=8080")]
    [InlineData("admission", "jit", "8443/tcp", "ASPNETCORE_URLS=https://+:8443")]
    public async Task ImageExposesAndListensOnItsPort(string service, string target, string port, string listenSetting) =>
        await ImageChecks.AssertExposesAndListensOnAsync(await images.ServiceAsync(service), target, port, listenSetting);

    [Theory]
    [MemberData(nameof(DockerfileImages.All), MemberType = typeof(DockerfileImages))]
    public async Task ImageCarriesOciLabelsWithTheBuiltRevision(string service, string target) =>
        await ImageChecks.AssertOciLabelsWithTheBuiltRevisionAsync(await images.ServiceAsync(service), target);

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
        var appBytes = await ImageChecks.AppFilesAsync(await images.ServiceAsync(service), target, files => files.Sum(f => f.Length));

        Assert.InRange(appBytes, 1, megabytes * 1_000_000L);
    }

    [Fact]
    public async Task AdmissionImageHoldsNoCertificateOrKey()
    {
        string[] extensions = [".pem", ".crt", ".cer", ".key", ".pfx", ".p12"];
        var suspicious = await ImageChecks.AppFilesAsync(await images.ServiceAsync("admission"), "jit", files => files
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
}
