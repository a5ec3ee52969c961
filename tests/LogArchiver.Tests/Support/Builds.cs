namespace Shipshape.LogArchiver.Tests.Support;

/// <summary>The services' build outputs, of the same configuration as these tests (Debug or Release).</summary>
public static class Builds
{
    private static readonly string Configuration =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string[] Archiver => ["dotnet", Output("LogArchiver", "Shipshape.LogArchiver.dll")];

    public static string[] Echo => ["dotnet", Output("Echo", "Echo.dll")];

    private static string Output(string project, string file)
    {
        var path = Repository.Path("src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first", path);
    }
}
