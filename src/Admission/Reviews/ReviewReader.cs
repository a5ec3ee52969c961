using System.Text.Json;
using Shipshape.Policy.Workloads;

namespace Shipshape.Admission.Reviews;

/// <summary>Checks that a parsed body is an admission.k8s.io/v1 AdmissionReview request and reads it.</summary>
public static class ReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    private static readonly string[] Operations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];

    public static ReviewRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("not_a_review", $"the body must be a JSON object (an AdmissionReview), found {Describe(root)}");
        }
        var apiVersion = OptionalString(root, "apiVersion", "apiVersion");
        if (apiVersion != ApiVersion)
        {
            throw Bad("wrong_api_version", $"apiVersion must be {ApiVersion}, found {Quote(apiVersion)}");
        }
        var kind = OptionalString(root, "kind", "kind");
        if (kind != Kind)
        {
            throw Bad("wrong_kind", $"kind must be {Kind}, found {Quote(kind)}");
        }
        if (!root.TryGetProperty("request", out var request) || request.ValueKind == JsonValueKind.Null)
        {
            throw Bad("missing_request", "request is missing: an AdmissionReview sent for judgement carries a request");
        }
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw Bad("missing_request", $"request must be an object, found {Describe(request)}");
        }

        var uid = OptionalString(request, "uid", "request.uid");
        if (string.IsNullOrEmpty(uid))
        {
            throw Bad("missing_uid", "request.uid is missing: the response must echo it");
        }
        var operation = OptionalString(request, "operation", "request.operation");
        if (operation is null || !Operations.Contains(operation))
        {
            throw Bad("bad_operation", $"request.operation must be one of {string.Join(", ", Operations)}, found {Quote(operation)}");
        }
        JsonElement? obj = request.TryGetProperty("object", out var o) && o.ValueKind != JsonValueKind.Null ? o : null;
        if (obj is { ValueKind: not JsonValueKind.Object } wrong)
        {
            throw Bad("invalid_object", $"request.object must be an object, found {Describe(wrong)}");
        }
        var dryRun = request.TryGetProperty("dryRun", out var d) && d.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw Bad("invalid_request", $"request.dryRun must be a boolean, found {Describe(d)}"),
        };
        string? user = null;
        if (request.TryGetProperty("userInfo", out var userInfo) && userInfo.ValueKind == JsonValueKind.Object)
        {
            user = OptionalString(userInfo, "username", "request.userInfo.username");
        }
        return new ReviewRequest(
            uid,
            operation,
            NullIfEmpty(OptionalString(request, "namespace", "request.namespace")),
            NullIfEmpty(OptionalString(request, "subResource", "request.subResource")),
            dryRun,
            user,
            obj);
    }

    private static string? OptionalString(JsonElement obj, string field, string path)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Bad("invalid_request", $"{path} must be a string, found {Describe(value)}");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Quote(string? value) => value is null ? "nothing" : $"\"{value}\"";

    private static string Describe(JsonElement value) => ObjectIdentity.Describe(value.ValueKind);

    private static ReviewRefusedException Bad(string reason, string message) => ReviewRefusedException.BadRequest(reason, message);
}
