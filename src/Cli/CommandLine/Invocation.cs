using System.CommandLine;
using System.CommandLine.Invocation;

namespace Shipshape.Cli.CommandLine;

internal static class Invocation
{
    /// <summary>
    /// Runs the parsed command. Bad arguments exit with <see cref="ExitCodes.InvalidInput"/> (System.CommandLine's
    /// own 1 would read as "denied"); an unexpected exception is left to crash rather than be turned into 1.
    /// </summary>
    public static async Task<int> InvokeWithExitCodesAsync(this ParseResult parse)
    {
        var code = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        return parse.Action is ParseErrorAction ? ExitCodes.InvalidInput : code;
    }
}
