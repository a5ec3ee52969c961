namespace Shipshape.Cli;

/// <summary>What <c>shipshape</c> exits with; a pipeline gate reads these, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>Everything was read and judged, and no deny policy was violated (warnings may have been printed).</summary>
    public const int NothingDenied = 0;

    /// <summary>At least one object violates a policy whose action is deny.</summary>
    public const int Denied = 1;

    /// <summary>
    /// Some input could not be audited: an unreadable file, broken YAML or JSON, an object that does not parse,
    /// an invalid policies file, or bad arguments. Wins over <see cref="Denied"/>.
    /// </summary>
    public const int InvalidInput = 2;

    /// <summary>Each code with the sentence help and the docs give it.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Described { get; } =
    [
        (NothingDenied, "nothing was denied (warnings may have been reported)"),
        (Denied, "a deny policy was violated"),
        (InvalidInput, "invalid input: an unreadable file, broken YAML or JSON, a manifest that does not parse, an invalid policies file or bad arguments (wins over 1)"),
    ];
}
