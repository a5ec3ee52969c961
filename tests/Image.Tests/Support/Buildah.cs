using System.Text.Json;

namespace Shipshape.Image.Tests.Support;

/// <summary>buildah on the scripts' private vfs storage, with chroot isolation (the one that works here).</summary>
public sealed class Buildah(string root, string runRoot)
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
