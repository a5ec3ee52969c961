using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Shipshape.Admission.Hosting;
using Shipshape.Admission.Metrics;

namespace Shipshape.Admission.Tls;

/// <summary>
/// Serves the certificate in the PEM files and reads them again every <see cref="TlsOptions.ReloadInterval"/>:
/// a renewed pair (cert-manager rewrites the Secret volume) is served to new connections without a restart.
/// A half-written or mismatched pair is ignored until both files agree, so the server never loses its certificate.
/// </summary>
public sealed partial class CertificateReloader(
    PemCertificate initial, IOptions<TlsOptions> options, AdmissionMetrics metrics, ILogger<CertificateReloader> logger)
    : BackgroundService
{
    private volatile PemCertificate _current = initial;
    private byte[]? _rejected;

    public X509Certificate2 Current => _current.Certificate;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveCertificate(() => _current.Certificate);
        using var timer = new PeriodicTimer(options.Value.ReloadInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Reload();
        }
    }

    /// <summary>Reads the files once; swaps the served certificate when they hold a new, valid pair.</summary>
    public void Reload()
    {
        var tls = options.Value;
        byte[] certificatePem, keyPem;
        try
        {
            certificatePem = PemCertificate.Read(tls.CertificatePath!, "certificate");
            keyPem = PemCertificate.Read(tls.KeyPath!, "key");
        }
        catch (CertificateLoadException e)
        {
            LogUnreadable(logger, e.Message);
            return;
        }
        if (_current.SameFiles(certificatePem, keyPem))
        {
            return;
        }
        try
        {
            var renewed = PemCertificate.FromPem(certificatePem, keyPem);
            _current = renewed;
            _rejected = null;
            metrics.CertificateReloaded();
            LogReloaded(logger, renewed.Certificate.Subject, renewed.Certificate.NotAfter.ToUniversalTime());
        }
        catch (CertificateLoadException e)
        {
            // Likely mid-rotation (one file written, not yet the other): keep serving the old pair, say so once.
            var seen = certificatePem.Concat(keyPem).ToArray();
            if (_rejected is null || !_rejected.AsSpan().SequenceEqual(seen))
            {
                _rejected = seen;
                LogRejected(logger, e.Message);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "TLS certificate reloaded: {Subject}, valid until {NotAfter:O}")]
    private static partial void LogReloaded(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(2, LogLevel.Warning, "TLS files changed but are not a usable pair yet; still serving the previous certificate: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Warning, "TLS files unreadable; still serving the previous certificate: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
