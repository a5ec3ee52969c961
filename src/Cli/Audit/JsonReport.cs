using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shipshape.Cli.Audit;

/// <summary>
/// The report for tools, in the shape docs/audit.md documents: objects (judged), notJudged, errors and summary.
/// Fields are only ever added, never renamed or removed.
/// </summary>
public static class JsonReport
{
    public static void Write(AuditResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("policies", result.Policies);
            json.WriteStartArray("objects");
            foreach (var judged in result.Judged)
            {
                WriteJudged(json, judged);
            }
            json.WriteEndArray();
            json.WriteStartArray("notJudged");
            foreach (var other in result.NotJudged)
            {
                json.WriteStartObject();
                WritePlace(json, other.Place);
                json.WriteString("subject", other.Identity.Display);
                json.WriteString("kind", other.Identity.Kind);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                json.WriteStartObject();
                WritePlace(json, error.Place);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteSummary(json, result);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteJudged(Utf8JsonWriter json, JudgedObject judged)
    {
        var decision = judged.Decision;
        json.WriteStartObject();
        WritePlace(json, judged.Place);
        json.WriteString("subject", decision.Subject);
        json.WriteString("kind", decision.Kind);
        json.WriteBoolean("allowed", decision.Allowed);
        json.WriteStartArray("violations");
        foreach (var v in TextReport.Ordered(decision.Violations))
        {
            json.WriteStartObject();
            json.WriteString("policy", v.PolicyId);
            json.WriteString("action", TextReport.Name(v.Action));
            json.WriteString("severity", TextReport.Name(v.Severity));
            json.WriteString("container", v.Container);
            json.WriteString("message", v.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("exemptions");
        foreach (var e in decision.Exemptions)
        {
            json.WriteStartObject();
            json.WriteString("policy", e.PolicyId);
            json.WriteString("reason", e.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notes");
        foreach (var note in decision.Notes)
        {
            json.WriteStringValue(note);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter json, Place place)
    {
        json.WriteString("source", place.Source);
        WriteNumberOrNull(json, "document", place.Document);
        WriteNumberOrNull(json, "item", place.Item);
        WriteNumberOrNull(json, "line", place.Line);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteSummary(Utf8JsonWriter json, AuditResult result)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("judged", result.Judged.Count);
        json.WriteNumber("notJudged", result.NotJudged.Count);
        json.WriteNumber("denied", result.Denied);
        json.WriteNumber("warnings", result.Warnings);
        json.WriteNumber("invalid", result.Errors.Count);
        json.WriteNumber("exitCode", result.ExitCode);
        json.WriteEndObject();
    }
}
