namespace Shipshape.Testing;

/// <summary>The repository the tests run from: the folder above the test binaries that holds Shipshape.slnx.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>A path inside the repository, from its parts (<c>Repository.Path("src", "Policy")</c>).</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Shipshape.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Shipshape.slnx not found above " + AppContext.BaseDirectory);
    }
}
