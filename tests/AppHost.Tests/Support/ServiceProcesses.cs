namespace Shipshape.AppHost.Tests.Support;

/// <summary>Operating-system processes of a local run, found through /proc by their command line and environment.</summary>
public static class ServiceProcesses
{
    /// <summary>
    /// The process of the service Aspire started as <paramref name="resource"/> (its OTEL_SERVICE_NAME), not the
    /// <c>dotnet run</c> wrapper around it, of the run whose state folder is <paramref name="stateDirectory"/>.
    /// </summary>
    public static IReadOnlyList<int> Find(string resource, string stateDirectory)
    {
        var marker = $"\0OTEL_SERVICE_NAME={resource}\0";
        return Where((commandLine, environment) =>
            ("\0" + environment).Contains(marker, StringComparison.Ordinal)
            && environment.Contains(stateDirectory, StringComparison.Ordinal)
            && !commandLine.Contains("\0run\0", StringComparison.Ordinal));
    }

    /// <summary>Every process (but this one) whose command line or environment names <paramref name="stateDirectory"/>.</summary>
    public static IReadOnlyList<int> OfRun(string stateDirectory) =>
        Where((commandLine, environment) =>
            commandLine.Contains(stateDirectory, StringComparison.Ordinal) || environment.Contains(stateDirectory, StringComparison.Ordinal));

    private static List<int> Where(Func<string, string, bool> matches)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (matches(File.ReadAllText(Path.Combine(directory, "cmdline")), File.ReadAllText(Path.Combine(directory, "environ"))))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return found;
    }
}
