using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Shipshape.Policy.Decisions;

namespace Shipshape.Admission.Reviews;

/// <summary>Writes the AdmissionReview answer: the request's uid, allowed, a 403 status listing every denial, and warnings.</summary>
public static class ReviewResponse
{
    // Messages quote container names; kubectl shows them as written, so keep quotes as \" rather than \u0022.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(IBufferWriter<byte> output, string uid, Decision? decision)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("apiVersion", ReviewReader.ApiVersion);
        json.WriteString("kind", ReviewReader.Kind);
        json.WriteStartObject("response");
        json.WriteString("uid", uid);
        var allowed = decision?.Allowed ?? true;
        json.WriteBoolean("allowed", allowed);
        if (!allowed)
        {
            json.WriteStartObject("status");
            json.WriteString("status", "Failure");
            json.WriteNumber("code", StatusCodes.Status403Forbidden);
            json.WriteString("reason", "Forbidden");
            json.WriteString("message", DenialMessage(decision!));
            json.WriteEndObject();
        }
        if (decision is not null && (decision.Warnings.Any() || decision.Notes.Count > 0))
        {
            json.WriteStartArray("warnings");
            foreach (var warning in decision.Warnings)
            {
                json.WriteStringValue($"{warning.Message} [{warning.PolicyId}]");
            }
            foreach (var note in decision.Notes)
            {
                json.WriteStringValue(note);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Every denial, each with its policy id, e.g. <c>Deployment default/web: container "web" has no memory request [resource-requests]</c>.</summary>
    public static string DenialMessage(Decision decision) =>
        string.Join("; ", decision.Denials.Select(v => $"{v.Message} [{v.PolicyId}]"));
}
