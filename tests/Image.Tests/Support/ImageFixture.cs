using System.Collections.Concurrent;
using System.Globalization;

namespace Shipshape.Image.Tests.Support;

/// <summary>
/// Builds each service's images once for every test of the collection, when a test first asks for them:
/// local bases and the Dockerfile's targets (scripts/image/build.sh SERVICE), and the SDK's PublishContainer
/// image of Echo (scripts/image/publish-container.sh). A service whose build fails fails its own tests only.
/// Fails, never skips, when the machine cannot do it (no root, no buildah).
/// </summary>
public sealed class ImageFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    private readonly ConcurrentDictionary<string, Lazy<Task>> _scripts = new();

    public string RepoRoot { get; } = Repository.Root;

    /// <summary>The images of <paramref name="service"/> (echo, admission, log-archiver) as build.sh recorded them.</summary>
    public async Task<ServiceImages> ServiceAsync(string service)
    {
        await RunOnceAsync("build.sh", service);
        return ServiceImages.Read(service);
    }

    /// <summary>Echo's images, with the PublishContainer one (PUBLISH_IMAGE).</summary>
    public async Task<ServiceImages> EchoWithPublishedImageAsync()
    {
        await RunOnceAsync("build.sh", "echo");
        await RunOnceAsync("publish-container.sh");
        return ServiceImages.Read("echo");
    }

    public Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The image tests build and run containers with buildah (vfs storage, chroot isolation) and debootstrap, " +
                "which need root on Linux. Run `dotnet test tests/Image.Tests` as root (CI does).");
        }

        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a script of scripts/image once per test run; later callers get the same outcome, failure included.</summary>
    private Task RunOnceAsync(string script, params string[] args) =>
        _scripts.GetOrAdd(string.Join(' ', [script, .. args]), _ => new Lazy<Task>(() => RunScriptAsync(script, args))).Value;

    private async Task RunScriptAsync(string script, string[] args)
    {
        var path = Path.Combine(RepoRoot, "scripts", "image", script);
        await Command.RunCheckedAsync("bash", [path, .. args], BuildTimeout, RepoRoot);
    }
}

/// <summary>A service's built images, from the state file its scripts write ($SHIPSHAPE_IMAGE_CACHE/state/SERVICE.env).</summary>
public sealed class ServiceImages
{
    private readonly IReadOnlyDictionary<string, string> _state;

    private ServiceImages(string service, IReadOnlyDictionary<string, string> state)
    {
        Service = service;
        _state = state;
        Buildah = new Buildah(state["BUILDAH_ROOT"], state["BUILDAH_RUNROOT"]);
    }

    public string Service { get; }

    public Buildah Buildah { get; }

    /// <summary>The commit the images' revision label must name.</summary>
    public string Revision => _state["REVISION"];

    /// <summary>The image of a Dockerfile target (jit, aot) or of "publish".</summary>
    public string Image(string target) => _state[$"{target.ToUpperInvariant()}_IMAGE"];

    public int SizeMegabytes(string target) => int.Parse(_state[$"{target.ToUpperInvariant()}_SIZE_MB"], CultureInfo.InvariantCulture);

    public static ServiceImages Read(string service)
    {
        var cache = Environment.GetEnvironmentVariable("SHIPSHAPE_IMAGE_CACHE") ?? "/var/tmp/shipshape-images";
        var state = File.ReadAllLines(Path.Combine(cache, "state", $"{service}.env"))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        return new ServiceImages(service, state);
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltImages : ICollectionFixture<ImageFixture>
{
    public const string Name = "images";
}

/// <summary>
/// The images of Echo and the admission webhook, as (service, target), for the theories over both; the log archiver's image
/// has its own test class (LogArchiverImageTests) on the same checks (ImageChecks).
/// </summary>
public static class DockerfileImages
{
    public static TheoryData<string, string> All => new() { { "echo", "aot" }, { "echo", "jit" }, { "admission", "jit" } };
}
