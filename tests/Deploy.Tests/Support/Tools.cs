using System.Diagnostics;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, string Errors)
{
    /// <summary>Everything the command printed, for assertion messages.</summary>
    public string Describe() => $"`{Command}` exited {ExitCode}.\nstdout:\n{Output}\nstderr:\n{Errors}";
}

/// <summary>
/// The repository's tools: helm (tools/helm/helm) and the node packages (node_modules), both installed by
/// scripts/install-deps.sh. A missing tool fails the test with that advice; nothing is skipped.
/// </summary>
public static class Tools
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

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
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = string.Join(' ', [Path.GetRelativePath(RepositoryRoot, fileName), .. arguments.Select(a => Path.IsPathRooted(a) ? Path.GetRelativePath(RepositoryRoot, a) : a)]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within 120 s");
        }

        return new CommandResult(command, process.ExitCode, output.Result, errors.Result);
    }

    private static string Require(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{Path.GetRelativePath(RepositoryRoot, path)} is missing: run scripts/install-deps.sh (it installs helm and the node packages the chart checks use)");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shipshape.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Shipshape.slnx not found above " + AppContext.BaseDirectory);
    }
}
