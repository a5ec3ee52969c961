namespace Shipshape.Deploy.Tests.Observability;

/// <summary>promtool (Debian package <c>prometheus</c>, installed by scripts/install-deps.sh). Missing, it fails the test with that advice.</summary>
internal static class Promtool
{
    private static readonly Lazy<string> Path = new(Find);

    public static CommandResult Run(params string[] arguments) => Command.Run(Path.Value, arguments, Repository.Root, timeout: TimeSpan.FromMinutes(3));

    private static string Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Select(directory => System.IO.Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "promtool is not installed: run scripts/install-deps.sh (or apt-get install prometheus); the rule checks need it");
    }
}
