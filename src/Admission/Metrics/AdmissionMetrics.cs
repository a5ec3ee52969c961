using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;

namespace Shipshape.Admission.Metrics;

/// <summary>
/// The webhook's own instruments (Prometheus names in brackets): reviews by kind, operation and result
/// [admission_reviews_total], violations and exemptions by policy and kind [admission_policy_violations_total,
/// admission_policy_exemptions_total], review latency [admission_review_duration_seconds], refused requests by reason
/// [admission_errors_total], certificate reloads and seconds until the served certificate expires.
/// </summary>
public sealed class AdmissionMetrics : IDisposable
{
    public const string MeterName = "Shipshape.Admission";
    public const string DurationHistogram = "admission.review.duration";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _reviews;
    private readonly Counter<long> _violations;
    private readonly Counter<long> _exemptions;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _reloads;
    private readonly Histogram<double> _duration;

    public AdmissionMetrics()
    {
        _reviews = _meter.CreateCounter<long>("admission.reviews", "{review}", "AdmissionReviews answered, by kind, operation, result (allowed, denied) and dry run");
        _violations = _meter.CreateCounter<long>("admission.policy.violations", "{violation}", "Policy violations found, by policy, kind and action (deny, warn)");
        _exemptions = _meter.CreateCounter<long>("admission.policy.exemptions", "{exemption}", "Policies not applied because of an exemption, by policy and kind");
        _errors = _meter.CreateCounter<long>("admission.errors", "{request}", "Requests refused as invalid, by reason; reason internal counts the webhook's own failures");
        _reloads = _meter.CreateCounter<long>("admission.tls.certificate.reloads", "{reload}", "Renewed certificates picked up from the PEM files");
        _duration = _meter.CreateHistogram<double>(DurationHistogram, "s", "Time from the request to the answer, by result (allowed, denied, refused)");
    }

    public void Reviewed(string kind, string operation, bool allowed, bool dryRun) =>
        _reviews.Add(1, new("kind", kind), new("operation", operation), new("result", allowed ? "allowed" : "denied"), new("dry_run", dryRun ? "true" : "false"));

    /// <summary>Records one answer's latency; <paramref name="result"/> is allowed, denied, refused (a 4xx) or failed (a 500: a bug).</summary>
    public void Answered(string result, double seconds) => _duration.Record(seconds, new KeyValuePair<string, object?>("result", result));

    public void Violation(string policy, string kind, string action) =>
        _violations.Add(1, new("policy", policy), new("kind", kind), new("action", action));

    public void Exemption(string policy, string kind) => _exemptions.Add(1, new("policy", policy), new("kind", kind));

    public void Error(string reason) => _errors.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CertificateReloaded() => _reloads.Add(1);

    public void ObserveCertificate(Func<X509Certificate2> current) =>
        _meter.CreateObservableGauge("admission.tls.certificate.expiry", () => (current().NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalSeconds,
            "s", "Seconds until the served certificate expires");

    public void Dispose() => _meter.Dispose();
}
