using Shipshape.Admission.Tls;
using Shipshape.Policy.Policies;

namespace Shipshape.Admission.Hosting;

/// <summary>Everything the webhook needs before it may listen, checked up front.</summary>
public sealed record AdmissionSettings(AdmissionOptions Admission, TlsOptions Tls, PolicySet Policies, PemCertificate Certificate);

/// <summary>
/// Binds and validates configuration, reads the policies and the certificate before anything starts: a bad value stops
/// the process with one line naming the key, instead of a webhook that fails every review later.
/// </summary>
public static class AdmissionConfiguration
{
    public static bool TryLoad(IConfiguration configuration, out AdmissionSettings? settings, out string error)
    {
        settings = null;
        var admission = new AdmissionOptions();
        var tls = new TlsOptions();
        var policies = new PoliciesOptions();
        try
        {
            configuration.GetSection(AdmissionOptions.Section).Bind(admission);
            configuration.GetSection(TlsOptions.Section).Bind(tls);
            configuration.GetSection(PoliciesOptions.Section).Bind(policies);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value at 'Tls:ReloadInterval' ...".
            error = e.Message;
            return false;
        }

        var errors = new List<string>();
        if (admission.MaxRequestBytes is < 1024 or > 64L * 1024 * 1024)
        {
            errors.Add($"{AdmissionOptions.Section}:MaxRequestBytes must be between 1024 and {64L * 1024 * 1024} (got {admission.MaxRequestBytes})");
        }
        admission.Shutdown.Validate(AdmissionOptions.Section, errors);
        if (tls.ReloadInterval <= TimeSpan.Zero)
        {
            errors.Add($"{TlsOptions.Section}:ReloadInterval must be positive (got {tls.ReloadInterval})");
        }
        var certificate = LoadCertificate(tls, errors);
        var policySet = LoadPolicies(policies, errors);

        error = string.Join("; ", errors);
        if (errors.Count > 0)
        {
            return false;
        }
        settings = new AdmissionSettings(admission, tls, policySet!, certificate!);
        return true;
    }

    private static PemCertificate? LoadCertificate(TlsOptions tls, List<string> errors)
    {
        const string s = TlsOptions.Section;
        if (string.IsNullOrWhiteSpace(tls.CertificatePath) || string.IsNullOrWhiteSpace(tls.KeyPath))
        {
            errors.Add($"{s}:CertificatePath and {s}:KeyPath must name the PEM files of the serving certificate and its key " +
                $"(environment {s}__CertificatePath, {s}__KeyPath); the API server only calls webhooks over HTTPS");
            return null;
        }
        try
        {
            return PemCertificate.Load(tls.CertificatePath, tls.KeyPath);
        }
        catch (CertificateLoadException e)
        {
            errors.Add($"{s}:CertificatePath/{s}:KeyPath: {e.Message}");
            return null;
        }
    }

    private static PolicySet? LoadPolicies(PoliciesOptions policies, List<string> errors)
    {
        try
        {
            return policies.Path is { Length: > 0 } path ? PolicySet.Load(path) : PolicySet.Default;
        }
        catch (PolicyFileException e)
        {
            errors.Add($"{PoliciesOptions.Section}:Path: {e.Message}");
            return null;
        }
    }
}
