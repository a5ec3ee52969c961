using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Shipshape.Cli.CommandLine;

/// <summary>Help ends with the exit codes, for every command: a pipeline author needs them more than anything else.</summary>
internal static class ExitCodesHelp
{
    public static void AddExitCodesToHelp(this RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithExitCodes(standard);
        }
    }

    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (exitCode, meaning) in ExitCodes.Described)
            {
                output.WriteLine($"  {exitCode}  {meaning}");
            }
            output.WriteLine();
            return code;
        }
    }
}
