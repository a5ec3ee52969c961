namespace Shipshape.Policy.Manifests;

/// <summary>Turns the paths a user names into the sources to read, as <c>kubectl apply -R -f</c> would.</summary>
public static class ManifestSources
{
    /// <summary>The path that means standard input.</summary>
    public const string Stdin = "-";

    /// <summary>The file extensions read below a directory.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    // Hidden entries (.git, .github) hold YAML that is not manifests.
    private static readonly EnumerationOptions Below = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden,
    };

    /// <summary>
    /// <c>-</c> is standard input; a directory gives every *.yaml, *.yml and *.json file below it, in ordinal path
    /// order, skipping hidden ones; any other path is read as a file (one that does not exist fails when read).
    /// </summary>
    public static IEnumerable<ManifestSource> Expand(IEnumerable<string> paths, Func<TextReader> stdin)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (path == Stdin)
            {
                yield return new ManifestSource(ManifestReader.StdinName, () => stdin().ReadToEnd());
            }
            else if (Directory.Exists(path))
            {
                foreach (var source in BelowDirectory(path))
                {
                    yield return source;
                }
            }
            else
            {
                yield return new ManifestSource(path, () => ReadFile(path));
            }
        }
    }

    private static IEnumerable<ManifestSource> BelowDirectory(string directory)
    {
        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(directory, "*", Below)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [Failing(directory, $"cannot list the directory: {e.Message}")];
        }
        // An audit that passes because it read nothing would hide a wrong path in a pipeline.
        return files.Length == 0
            ? [Failing(directory, $"no {string.Join(", ", Extensions.Select(e => "*" + e))} files in this directory or below")]
            : files.Select(f => new ManifestSource(f, () => ReadFile(f)));
    }

    private static ManifestSource Failing(string name, string problem) => new(name, () => throw new IOException(problem));

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException("no such file or directory", e);
        }
    }
}
