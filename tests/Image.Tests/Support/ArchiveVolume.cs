namespace Shipshape.Image.Tests.Support;

/// <summary>
/// A host directory to mount as the log archiver's segment directory, owned by 10001:10001 as a pod's volume is with
/// fsGroup 10001 (the archiver creates, renames and deletes files there). Deleted on dispose.
/// </summary>
public sealed class ArchiveVolume : IDisposable
{
    private ArchiveVolume(string path) => Path = path;

    public string Path { get; }

    public static async Task<ArchiveVolume> CreateAsync()
    {
        var volume = new ArchiveVolume(Directory.CreateTempSubdirectory("archive-volume-").FullName);
        try
        {
            await Command.RunCheckedAsync("chown", ["10001:10001", volume.Path], TimeSpan.FromSeconds(10));
            return volume;
        }
        catch
        {
            volume.Dispose();
            throw;
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
