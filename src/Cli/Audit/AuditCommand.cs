using System.CommandLine;
using Shipshape.Policy;
using Shipshape.Policy.Manifests;
using Shipshape.Policy.Policies;

namespace Shipshape.Cli.Audit;

/// <summary><c>shipshape audit PATH... [--policies FILE] [--output text|json]</c>.</summary>
public static class AuditCommand
{
    public const string Text = "text";
    public const string Json = "json";

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, directories (every *.yaml, *.yml, *.json below, hidden ones skipped), or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var policies = new Option<string?>("--policies")
        {
            Description = "A policies file in the format of the built-in default-policies.yaml [default: the built-in policies]",
            HelpName = "FILE",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The report on standard output: a readable text, or JSON for tools",
            DefaultValueFactory = _ => Text,
        };
        output.AcceptOnlyFromAmong(Text, Json);

        var command = new Command("audit", "Judges every pod-carrying object in the manifests (YAML or JSON, multi-document, Lists, "
            + "helm template or kubectl kustomize output) and reports violations, exemptions and notes.")
        {
            paths, policies, output,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration;
            return Run(parse.GetRequiredValue(paths), parse.GetValue(policies), parse.GetRequiredValue(output), console.Output, console.Error);
        });
        return command;
    }

    private static int Run(string[] paths, string? policiesPath, string output, TextWriter stdout, TextWriter stderr)
    {
        PolicySet policies;
        try
        {
            policies = policiesPath is null ? PolicySet.Default : PolicySet.Load(policiesPath);
        }
        catch (PolicyFileException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var result = new Auditor(new PolicyEngine(policies)).Audit(ManifestSources.Expand(paths, () => Console.In));
        foreach (var error in result.Errors)
        {
            stderr.WriteLine($"error: {error}");
        }
        if (output == Json)
        {
            JsonReport.Write(result, stdout);
        }
        else
        {
            TextReport.Write(result, stdout);
        }
        return result.ExitCode;
    }
}
