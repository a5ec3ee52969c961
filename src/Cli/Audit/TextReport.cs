using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;

namespace Shipshape.Cli.Audit;

/// <summary>
/// The report for people: each judged object with its verdict, its violations (deny first, then by severity),
/// exemptions and notes, then one summary line. Errors go to standard error, not here.
/// </summary>
public static class TextReport
{
    public static void Write(AuditResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Policies: {result.Policies}");
        foreach (var judged in result.Judged)
        {
            var decision = judged.Decision;
            output.WriteLine();
            output.WriteLine($"{judged.Place}: {decision.Subject}: {Verdict(decision)}");
            foreach (var v in Ordered(decision.Violations))
            {
                output.WriteLine($"  {Name(v.Action)} {v.PolicyId} ({Name(v.Severity)}): {v.Message}");
            }
            foreach (var e in decision.Exemptions)
            {
                output.WriteLine($"  exempt {e.PolicyId}: {e.Reason}");
            }
            foreach (var note in decision.Notes)
            {
                output.WriteLine($"  note: {note}");
            }
        }
        output.WriteLine();
        output.WriteLine($"Summary: {Count(result.Judged.Count, "object")} judged, {result.NotJudged.Count} not judged (no pods), "
            + $"{result.Denied} denied, {Count(result.Warnings, "warning")}, {result.Errors.Count} invalid");
    }

    /// <summary>Deny before warn, then the most severe first; the engine's order otherwise.</summary>
    public static IEnumerable<Violation> Ordered(IEnumerable<Violation> violations) =>
        violations.OrderByDescending(v => v.Action).ThenByDescending(v => v.Severity);

    public static string Name(PolicyAction action) => action == PolicyAction.Deny ? "deny" : "warn";

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string Verdict(Decision decision) => (decision.Allowed, decision.Warnings.Count()) switch
    {
        (false, _) => "denied",
        (true, 0) => "allowed",
        (true, var warnings) => $"allowed with {Count(warnings, "warning")}",
    };

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
