using System.Text.Json;

namespace Shipshape.Admission.Reviews;

/// <summary>The parts of an admission.k8s.io/v1 AdmissionReview request the webhook uses.</summary>
public sealed record ReviewRequest(
    string Uid,
    string Operation,
    string? Namespace,
    string? SubResource,
    bool DryRun,
    string? User,
    JsonElement? Manifest);

/// <summary>A request the webhook refuses to judge: the HTTP status, a metrics reason and a message saying what is wrong.</summary>
public sealed class ReviewRefusedException : Exception
{
    public ReviewRefusedException(int statusCode, string reason, string message) : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public ReviewRefusedException() : this(StatusCodes.Status400BadRequest, "invalid", "invalid request")
    {
    }

    public ReviewRefusedException(string message) : this(StatusCodes.Status400BadRequest, "invalid", message)
    {
    }

    public ReviewRefusedException(string message, Exception inner) : base(message, inner)
    {
        StatusCode = StatusCodes.Status400BadRequest;
        Reason = "invalid";
    }

    public int StatusCode { get; }

    /// <summary>A short, fixed label for the admission_errors_total metric.</summary>
    public string Reason { get; }

    public static ReviewRefusedException BadRequest(string reason, string message) => new(StatusCodes.Status400BadRequest, reason, message);
}
