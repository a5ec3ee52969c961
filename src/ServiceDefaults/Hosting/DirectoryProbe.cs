namespace Shipshape.ServiceDefaults.Hosting;

/// <summary>Checks up front that a directory exists and that files can be listed, created and deleted in it.</summary>
public static class DirectoryProbe
{
    /// <summary>Null when the directory is usable; otherwise what is wrong, for a one-line configuration error.</summary>
    public static string? Problem(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return "does not exist";
        }

        var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            _ = Directory.EnumerateFileSystemEntries(directory).FirstOrDefault();
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"is not usable (files must be listed, created and deleted there): {e.Message.ReplaceLineEndings(" ")}";
        }
    }
}
