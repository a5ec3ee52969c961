using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.Admission.Hosting;

/// <summary>Settings of the webhook, bound from the <c>Admission</c> configuration section.</summary>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    /// <summary>Largest AdmissionReview body accepted; larger gets 413. The API server's own limit is 3 MiB per object.</summary>
    public long MaxRequestBytes { get; set; } = 3 * 1024 * 1024;

    public ShutdownOptions Shutdown { get; set; } = new();
}

/// <summary>The serving certificate, from PEM files (cert-manager writes tls.crt and tls.key), bound from <c>Tls</c>.</summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    /// <summary>How often the files are read again; a renewed certificate is served to new connections from then on.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Where the policies come from, bound from <c>Policies</c>; without a path the built-in defaults apply.</summary>
public sealed class PoliciesOptions
{
    public const string Section = "Policies";

    public string? Path { get; set; }
}
