using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Resources;

/// <summary>Readiness over TLS, trusting only the local CA: healthy means the webhook serves the certificate made for it.</summary>
public sealed class TlsReadinessCheck(Uri readyz, WebhookCertificates certificates) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var handler = certificates.TrustingHandler();
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(readyz, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{readyz} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy($"{readyz}: {e.Message}", e);
        }
    }
}
