namespace Shipshape.Echo.Image.Tests.Support;

/// <summary>
/// Builds the images once for every test of the collection: local bases, the Dockerfile's jit and aot
/// targets (scripts/image/build.sh) and the SDK's PublishContainer image (scripts/image/publish-container.sh).
/// Fails, never skips, when the machine cannot do it (no root, no buildah).
/// </summary>
public sealed class ImageFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    public string RepoRoot { get; } = FindRepoRoot();

    public Buildah Buildah { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> State { get; private set; } = new Dictionary<string, string>();

    public string Image(string kind) => State[$"{kind.ToUpperInvariant()}_IMAGE"];

    public int SizeMegabytes(string kind) => int.Parse(State[$"{kind.ToUpperInvariant()}_SIZE_MB"], System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The image tests build and run containers with buildah (vfs storage, chroot isolation) and debootstrap, " +
                "which need root on Linux. Run `dotnet test tests/Echo.Image.Tests` as root (CI does).");
        }

        await RunScriptAsync("build.sh");
        await RunScriptAsync("publish-container.sh");
        var cache = Environment.GetEnvironmentVariable("SHIPSHAPE_IMAGE_CACHE") ?? "/var/tmp/shipshape-images";
        State = File.ReadAllLines(Path.Combine(cache, "state", "images.env"))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        Buildah = new Buildah(State["BUILDAH_ROOT"], State["BUILDAH_RUNROOT"]);
        await Buildah.RunAsync("version");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RunScriptAsync(string script)
    {
        var path = Path.Combine(RepoRoot, "scripts", "image", script);
        var result = await Tool.RunAsync("bash", [path], BuildTimeout, RepoRoot);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe(path));
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shipshape.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Shipshape.slnx above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class BuiltImages : ICollectionFixture<ImageFixture>
{
    public const string Name = "images";
}
