namespace Shipshape.AppHost.Lifecycle;

public static class StartupProblems
{
    /// <summary>Exit code when the local system cannot start; nothing was started.</summary>
    public const int ExitCode = 2;

    /// <summary>Every problem on its own line on stderr, then exit: what is wrong and what to do, no stack trace.</summary>
    public static int Report(IReadOnlyList<string> problems)
    {
        Console.Error.WriteLine($"shipshape: the local system cannot start ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  - {problem}");
        }
        return ExitCode;
    }
}
