namespace Shipshape.AppHost.Tests.Support;

/// <summary>The operating-system process of a service Aspire started (not the <c>dotnet run</c> wrapper around it).</summary>
public static class ServiceProcesses
{
    /// <summary>
    /// Pids of the processes whose OTEL_SERVICE_NAME (set by Aspire to the resource name) is <paramref name="resource"/>,
    /// of the run whose state folder is <paramref name="stateDirectory"/> (another run may have an echo-2 too).
    /// </summary>
    public static IReadOnlyList<int> Find(string resource, string stateDirectory)
    {
        var marker = $"\0OTEL_SERVICE_NAME={resource}\0";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var environment = "\0" + File.ReadAllText(Path.Combine(directory, "environ"));
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (environment.Contains(marker, StringComparison.Ordinal) && environment.Contains(stateDirectory, StringComparison.Ordinal) && !commandLine.Contains("\0run\0", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }
        return found;
    }
}
