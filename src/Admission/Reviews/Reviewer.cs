using Shipshape.Admission.Metrics;
using Shipshape.Policy;
using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Workloads;

namespace Shipshape.Admission.Reviews;

/// <summary>Judges one review with the policy engine and records what it decided.</summary>
public sealed partial class Reviewer(PolicyEngine engine, AdmissionMetrics metrics, ILogger<Reviewer> logger)
{
    /// <summary>Only this sub-resource changes a pod's containers; status, scale and the like are let through unjudged.</summary>
    private const string EphemeralContainers = "ephemeralcontainers";

    /// <summary>The decision for a valid review, or null when there is nothing to judge (DELETE, CONNECT, other sub-resources).</summary>
    public Decision? Judge(ReviewRequest review)
    {
        var decision = Decide(review);
        var kind = decision?.Kind ?? "none";
        metrics.Reviewed(kind, review.Operation, decision?.Allowed ?? true, review.DryRun);
        if (decision is null)
        {
            return null;
        }
        foreach (var violation in decision.Violations)
        {
            metrics.Violation(violation.PolicyId, kind, violation.Action == PolicyAction.Deny ? "deny" : "warn");
        }
        foreach (var exemption in decision.Exemptions)
        {
            metrics.Exemption(exemption.PolicyId, kind);
        }
        if (!decision.Allowed)
        {
            LogDenied(logger, decision.Subject, review.Operation, review.Uid, review.User ?? "", review.DryRun, ReviewResponse.DenialMessage(decision));
        }
        return decision;
    }

    private Decision? Decide(ReviewRequest review)
    {
        if (review.Operation is not ("CREATE" or "UPDATE"))
        {
            return null;
        }
        if (review.SubResource is { } sub && sub != EphemeralContainers)
        {
            return null;
        }
        if (review.Manifest is not { } obj)
        {
            throw ReviewRefusedException.BadRequest("invalid_object", $"request.object is missing: a {review.Operation} review carries the object to judge");
        }
        Decision? decision;
        try
        {
            decision = engine.Evaluate(obj, review.Namespace);
        }
        catch (InvalidManifestException e)
        {
            throw ReviewRefusedException.BadRequest("invalid_object", $"request.object: {e.Message}");
        }
        if (decision is null)
        {
            var identity = ObjectIdentity.Read(obj);
            throw ReviewRefusedException.BadRequest("unknown_kind",
                $"request.object: {identity.Kind} ({identity.ApiVersion}) is not a kind this webhook judges (it judges {string.Join(", ", WorkloadKind.Names)}); check the webhook's rules");
        }
        return decision;
    }

    [LoggerMessage(1, LogLevel.Information, "Denied {Subject} ({Operation}, uid {Uid}, user {User}, dryRun {DryRun}): {Violations}")]
    private static partial void LogDenied(ILogger logger, string subject, string operation, string uid, string user, bool dryRun, string violations);
}
