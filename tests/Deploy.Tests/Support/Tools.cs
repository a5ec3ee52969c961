namespace Shipshape.Deploy.Tests.Support;

/// <summary>
/// The repository's tools: helm (tools/helm/helm) and the node packages (node_modules), both installed by
/// scripts/install-deps.sh. A missing tool fails the test with that advice; nothing is skipped.
/// </summary>
public static class Tools
{
    public static string RepositoryRoot => Repository.Root;

    public static string Helm => Require(Path.Combine(RepositoryRoot, "tools", "helm", "helm"));

    /// <summary>Runs helm with the arguments.</summary>
    public static CommandResult RunHelm(params string[] arguments) => Run(Helm, arguments);

    /// <summary>Runs a script of scripts/manifests (bash or node) with the arguments.</summary>
    public static CommandResult RunScript(string script, IReadOnlyList<string> arguments, IDictionary<string, string>? environment = null, string? standardInput = null)
    {
        Require(Path.Combine(RepositoryRoot, "tools", "helm", "helm"));
        Require(Path.Combine(RepositoryRoot, "node_modules", "typescript", "package.json"));
        var path = Path.Combine(RepositoryRoot, "scripts", "manifests", script);
        return script.EndsWith(".mjs", StringComparison.Ordinal)
            ? Run("node", [path, .. arguments], environment, standardInput)
            : Run("bash", [path, .. arguments], environment, standardInput);
    }

    public static CommandResult Run(string fileName, IReadOnlyList<string> arguments, IDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var command = string.Join(' ', [Path.GetRelativePath(RepositoryRoot, fileName), .. arguments.Select(a => Path.IsPathRooted(a) ? Path.GetRelativePath(RepositoryRoot, a) : a)]);
        return Command.Run(fileName, arguments, RepositoryRoot, standardInput, environment, display: command);
    }

    private static string Require(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{Path.GetRelativePath(RepositoryRoot, path)} is missing: run scripts/install-deps.sh (it installs helm and the node packages the chart checks use)");
}
