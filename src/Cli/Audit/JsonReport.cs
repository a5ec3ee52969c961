using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipshape.Cli.Audit;

/// <summary>
/// The report for tools, in the shape docs/audit.md documents: policies, objects (judged), notJudged, errors and
/// summary. Fields are only ever added, never renamed or removed.
/// </summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(AuditResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var report = new JsonObject
        {
            ["policies"] = result.Policies,
            ["objects"] = Array(result.Judged.Select(Judged)),
            ["notJudged"] = Array(result.NotJudged.Select(o => At(o.Place, ("subject", o.Identity.Display), ("kind", o.Identity.Kind)))),
            ["errors"] = Array(result.Errors.Select(e => At(e.Place, ("message", e.Message)))),
            ["summary"] = new JsonObject
            {
                ["judged"] = result.Judged.Count,
                ["notJudged"] = result.NotJudged.Count,
                ["denied"] = result.Denied,
                ["warnings"] = result.Warnings,
                ["invalid"] = result.Errors.Count,
                ["exitCode"] = result.ExitCode,
            },
        };
        output.WriteLine(report.ToJsonString(Indented));
    }

    private static JsonObject Judged(JudgedObject judged)
    {
        var decision = judged.Decision;
        return At(
            judged.Place,
            ("subject", decision.Subject),
            ("kind", decision.Kind),
            ("allowed", decision.Allowed),
            ("violations", Array(TextReport.Ordered(decision.Violations).Select(v => new JsonObject
            {
                ["policy"] = v.PolicyId,
                ["action"] = TextReport.Name(v.Action),
                ["severity"] = TextReport.Name(v.Severity),
                ["container"] = v.Container,
                ["message"] = v.Message,
            }))),
            ("exemptions", Array(decision.Exemptions.Select(e => new JsonObject { ["policy"] = e.PolicyId, ["reason"] = e.Reason }))),
            ("notes", Array(decision.Notes.Select(n => JsonValue.Create(n)))));
    }

    /// <summary>An object with the place's fields first, then <paramref name="fields"/>.</summary>
    private static JsonObject At(Place place, params (string Name, JsonNode? Value)[] fields)
    {
        (string Name, JsonNode? Value)[] where = [("source", place.Source), ("document", place.Document), ("item", place.Item), ("line", place.Line)];
        return new JsonObject(where.Concat(fields).Select(f => KeyValuePair.Create(f.Name, f.Value)));
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
