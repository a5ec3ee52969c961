using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>
/// <c>${NAME}</c> and <c>${NAME:default}</c> references, as Logstash and the Beats write them: what a value
/// becomes when none of its variables is set. Beats' <c>${NAME:?error}</c> counts as having no default.
/// </summary>
public static partial class EnvironmentReference
{
    /// <summary>The value with every reference replaced by its default; fails naming a reference that has none.</summary>
    public static string WithDefaults(string value) =>
        Reference().Replace(value, match => match.Groups["default"] is { Success: true } fallback && !fallback.Value.StartsWith('?')
            ? fallback.Value
            : throw new InvalidOperationException($"{match.Value} has no default"));

    /// <summary>The variable names the value refers to.</summary>
    public static IReadOnlyList<string> Names(string value) =>
        [.. Reference().Matches(value).Select(m => m.Groups["name"].Value)];

    /// <summary>True when the whole value is one reference with no default: it can only come from the environment.</summary>
    public static bool IsRequired(string value) =>
        Reference().Match(value) is { Success: true } match && match.Length == value.Length
        && (!match.Groups["default"].Success || match.Groups["default"].Value.StartsWith('?'));

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<default>[^}]*))?\}")]
    private static partial Regex Reference();
}
