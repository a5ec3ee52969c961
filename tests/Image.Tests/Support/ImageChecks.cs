using System.Text.Json;

namespace Shipshape.Image.Tests.Support;

/// <summary>What every service's image must declare and hold, asserted the same way for each of them.</summary>
public static class ImageChecks
{
    public static Task<JsonElement> ConfigAsync(ServiceImages built, string target) => built.Buildah.ImageConfigAsync(built.Image(target));

    /// <summary>Numeric, so Kubernetes' runAsNonRoot can check it without a passwd file; 10001 as the charts expect.</summary>
    public static async Task AssertRunsAsNumericNonRootUser10001Async(ServiceImages built, string target)
    {
        var user = (await ConfigAsync(built, target)).GetProperty("User").GetString();

        Assert.Matches(@"^[0-9]+(:[0-9]+)?$", user);
        Assert.Equal("10001", user!.Split(':')[0]);
    }

    /// <summary>The entrypoint is an exec-form array, exactly <paramref name="expected"/> (space-separated), starting with an ELF binary, and no Cmd.</summary>
    public static async Task AssertEntrypointIsExecFormWithoutAShellAsync(ServiceImages built, string target, string expected)
    {
        var config = await ConfigAsync(built, target);

        Assert.Equal(JsonValueKind.Array, config.GetProperty("Entrypoint").ValueKind);
        Assert.Empty(Buildah.Strings(config, "Cmd")); // a Cmd would be passed to the entrypoint as arguments
        var entrypoint = Buildah.Strings(config, "Entrypoint").ToArray();
        Assert.Equal(expected.Split(' '), entrypoint);
        await AssertNativeExecutableAsync(built, target, entrypoint[0], config);
    }

    /// <summary>Exactly <paramref name="port"/> exposed, and the environment entry that makes the server listen there.</summary>
    public static async Task AssertExposesAndListensOnAsync(ServiceImages built, string target, string port, string listenSetting)
    {
        var config = await ConfigAsync(built, target);

        Assert.Equal([port], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        Assert.Contains(listenSetting, Buildah.Strings(config, "Env"));
    }

    /// <summary>OCI labels: the service as title, the revision build.sh recorded, and the other descriptive ones set.</summary>
    public static async Task AssertOciLabelsWithTheBuiltRevisionAsync(ServiceImages built, string target)
    {
        var labels = (await ConfigAsync(built, target)).GetProperty("Labels");

        Assert.Equal(built.Service, labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(built.Revision, labels.GetProperty("org.opencontainers.image.revision").GetString());
        foreach (var name in new[] { "description", "source", "licenses", "version" })
        {
            Assert.False(string.IsNullOrWhiteSpace(labels.GetProperty($"org.opencontainers.image.{name}").GetString()), name);
        }
    }

    /// <summary>Applies <paramref name="measure"/> to the files under /app of the image.</summary>
    public static async Task<T> AppFilesAsync<T>(ServiceImages built, string target, Func<IEnumerable<FileInfo>, T> measure)
    {
        await using var container = await built.Buildah.FromAsync(built.Image(target));
        var root = await container.MountAsync();
        return measure(new DirectoryInfo(Path.Combine(root, "app")).EnumerateFiles("*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// Files of a container's root file system (mounted at <paramref name="root"/>) written since <paramref name="since"/>,
    /// as paths inside the container; what the runtime itself provides (/proc, /sys, /dev, /run, the hosts and DNS
    /// files) left out. Volumes mounted into the running container are not part of it.
    /// </summary>
    public static IEnumerable<string> WrittenSince(string root, DateTime since)
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

    /// <summary>
    /// Directories of a container's root file system (mounted at <paramref name="root"/>) whose entries changed since
    /// <paramref name="since"/>: the trace a file leaves that was created and deleted again (a FIFO, a lock, a staged copy).
    /// Left out: /proc, /sys, /dev, /run, and the <paramref name="mountPoints"/> of volumes with their parents (`buildah
    /// run` creates a missing mount point).
    /// </summary>
    public static IEnumerable<string> DirectoriesChangedSince(string root, DateTime since, params string[] mountPoints)
    {
        string[] skipped = ["proc", "sys", "dev", "run"];
        var created = mountPoints.SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        return new DirectoryInfo(root).EnumerateDirectories("*", options).Prepend(new DirectoryInfo(root))
            .Select(d => (Directory: d, Path: InContainer(d.FullName)))
            .Where(d => !skipped.Contains(d.Path.Split('/')[1]) && !created.Contains(d.Path))
            .Where(d => d.Directory.LastWriteTimeUtc >= since)
            .Select(d => d.Path.TrimEnd('/') + "/");

        string InContainer(string path) => Path.GetRelativePath(root, path) is var relative && relative == "." ? "/" : "/" + relative;

        static IEnumerable<string> Ancestors(string path)
        {
            for (var p = path.TrimEnd('/'); p.Length > 0; p = p[..p.LastIndexOf('/')])
            {
                yield return p;
            }

            yield return "/";
        }
    }

    /// <summary>The entrypoint is an ELF binary in the image (found on the image's PATH if not absolute), not a script.</summary>
    private static async Task AssertNativeExecutableAsync(ServiceImages built, string target, string program, JsonElement config)
    {
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
