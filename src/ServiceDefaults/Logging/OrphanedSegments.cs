namespace Shipshape.ServiceDefaults.Logging;

/// <summary>
/// Finds <c>.active</c> segments whose writer is gone. A live <see cref="SegmentWriter"/> holds a shared lock on its open
/// segment (flock, released by the kernel when the process dies, seen by every process on the same file system, so
/// also by a sidecar container sharing the volume); an unlocked segment untouched for a few seconds has no writer.
/// </summary>
public static class OrphanedSegments
{
    /// <summary>
    /// How long a segment must be untouched before it counts as orphaned: covers the moment between a writer creating
    /// its file and locking it, so a segment being born is never taken for a dead one.
    /// </summary>
    public static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(5);

    public const string ActivePattern = "*" + SegmentWriter.ClosedExtension + SegmentWriter.ActiveSuffix;

    /// <summary>The open segments in <paramref name="directory"/> matching <paramref name="pattern"/>, each with whether its writer is gone.</summary>
    public static IEnumerable<(string Path, bool Orphaned)> Find(string directory, string pattern = ActivePattern, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        foreach (var path in Directory.EnumerateFiles(directory, pattern))
        {
            yield return (path, IsOrphaned(path, now));
        }
    }

    /// <summary>
    /// Closes every orphaned segment as it is: renamed to its closed name (a distinct one if that exists); empty ones are
    /// deleted. Returns how many were closed. Safe against another process closing the same segment at the same time.
    /// </summary>
    public static int Close(string directory, string pattern = ActivePattern, TimeProvider? time = null)
    {
        var closed = 0;
        foreach (var (path, orphaned) in Find(directory, pattern, time).ToList())
        {
            if (orphaned && TryClose(path))
            {
                closed++;
            }
        }

        return closed;
    }

    private static bool IsOrphaned(string path, DateTime now)
    {
        try
        {
            if (now - File.GetLastWriteTimeUtc(path) < MinIdle)
            {
                return false;
            }

            // An exclusive lock is refused while a writer holds its shared one.
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool TryClose(string active)
    {
        try
        {
            if (new FileInfo(active).Length == 0)
            {
                File.Delete(active);
                return false;
            }

            var target = SegmentWriter.ClosedPath(active);
            if (File.Exists(target))
            {
                target = target[..^SegmentWriter.ClosedExtension.Length] + $"-recovered-{Environment.ProcessId}{SegmentWriter.ClosedExtension}";
            }

            File.Move(active, target);
            return true;
        }
        catch (FileNotFoundException)
        {
            // Another process (the writer's successor or the archiver) closed it first.
            return false;
        }
    }
}
