using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipshape.Image.Tests.Support;

/// <summary>buildah on the scripts' private vfs storage, with chroot isolation (the one that works here).</summary>
public sealed partial class Buildah(string root, string runRoot)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> GlobalArgs { get; } = ["--storage-driver", "vfs", "--root", root, "--runroot", runRoot];

    public Task<string> RunAsync(params string[] args) => Command.RunCheckedAsync("buildah", [.. GlobalArgs, .. args], Timeout);

    /// <summary>The OCI image config (`.OCIv1.config`): User, Entrypoint, Cmd, Env, ExposedPorts, Labels.</summary>
    public async Task<JsonElement> ImageConfigAsync(string image)
    {
        var json = await RunAsync("inspect", "--type", "image", image);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("OCIv1").GetProperty("config").Clone();
    }

    /// <summary>What a container runtime starts: the image's Entrypoint followed by its Cmd.</summary>
    public async Task<string[]> CommandAsync(string image)
    {
        var config = await ImageConfigAsync(image);
        return [.. Strings(config, "Entrypoint"), .. Strings(config, "Cmd")];
    }

    /// <summary>A string array of the image config; empty when absent or null.</summary>
    public static IEnumerable<string> Strings(JsonElement config, string name) =>
        config.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString()!)
            : [];

    /// <summary>
    /// `buildah run` of <paramref name="command"/> in <paramref name="container"/> with chroot isolation (shares the host's
    /// network and process ids) and <paramref name="runOptions"/> (-e, -v, ...).
    /// </summary>
    public string[] RunArguments(WorkingContainer container, IReadOnlyList<string> runOptions, IReadOnlyList<string> command) =>
        [.. GlobalArgs, "run", "--isolation", "chroot", .. runOptions, container.Name, "--", .. command];

    /// <summary>
    /// The image's command run to its end in a working container removed afterwards, for services that must not start:
    /// its exit code and output, without the lines `buildah run` adds to stderr when the command fails.
    /// </summary>
    public async Task<CommandResult> RunToEndAsync(string image, IReadOnlyList<string> runOptions, TimeSpan timeout)
    {
        var command = await CommandAsync(image);
        await using var container = await FromAsync(image);
        var result = await Command.RunAsync("buildah", RunArguments(container, runOptions, command), timeout: timeout);
        var stderr = result.Stderr.Split('\n').Where(line => !BuildahExitReport().IsMatch(line));
        return result with { Stderr = string.Join('\n', stderr) };
    }

    /// <summary>"subprocess exited with status 2" (twice) and "Error: exit status 2": buildah's own report of a failed command.</summary>
    [GeneratedRegex(@"^(subprocess exited with status|Error: exit status) \d+$")]
    private static partial Regex BuildahExitReport();

    /// <summary>A working container of the image; removed on dispose.</summary>
    public async Task<WorkingContainer> FromAsync(string image)
    {
        var name = (await RunAsync("from", "--pull-never", "--quiet", image)).Trim();
        return new WorkingContainer(this, name);
    }
}

public sealed class WorkingContainer(Buildah buildah, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public Buildah Buildah { get; } = buildah;

    /// <summary>Mounts the container's root file system and returns its path on the host.</summary>
    public async Task<string> MountAsync() => (await Buildah.RunAsync("mount", Name)).Trim();

    public async ValueTask DisposeAsync()
    {
        await Command.RunAsync("buildah", [.. Buildah.GlobalArgs, "rm", Name], timeout: TimeSpan.FromMinutes(1));
    }
}
