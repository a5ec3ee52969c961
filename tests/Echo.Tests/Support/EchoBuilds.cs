namespace Shipshape.Echo.Tests.Support;

/// <summary>A published Echo: the JIT build runs under the dotnet host, the Native AOT build on its own.</summary>
public sealed record EchoBuild(string Name, string FileName, string[] Arguments);

/// <summary>
/// The published builds under artifacts/echo/{jit,aot}, made by scripts/publish-echo.sh (as CI does) when
/// missing or older than the sources, so `dotnet test` alone also tests what would ship.
/// </summary>
public static class EchoBuilds
{
    /// <summary>The projects whose sources make up a published Echo.</summary>
    private static readonly string[] SourceProjects = ["Echo", "ServiceDefaults"];

    private static readonly Lazy<EchoBuild> Jit = new(() => Ensure("jit"));
    private static readonly Lazy<EchoBuild> Aot = new(() => Ensure("aot"));

    public static TheoryData<string> Names => ["jit", "aot"];

    public static EchoBuild Get(string name) => name == "aot" ? Aot.Value : Jit.Value;

    public static string RepositoryRoot => Repository.Root;

    private static EchoBuild Ensure(string name)
    {
        var directory = Path.Combine(RepositoryRoot, "artifacts", "echo", name);
        var binary = Path.Combine(directory, name == "aot" ? "Echo" : "Echo.dll");
        if (!File.Exists(binary) || File.GetLastWriteTimeUtc(binary) < NewestSourceWrite())
        {
            Publish(name);
        }

        return name == "aot" ? new EchoBuild(name, binary, []) : new EchoBuild(name, "dotnet", [binary]);
    }

    private static DateTime NewestSourceWrite() =>
        SourceProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src", project), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Max(File.GetLastWriteTimeUtc);

    private static void Publish(string name)
    {
        var result = Command.Run("bash", [Path.Combine(RepositoryRoot, "scripts", "publish-echo.sh"), name], RepositoryRoot, timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }
}
