using Microsoft.Extensions.Options;
using Shipshape.Admission.Metrics;
using Shipshape.Admission.Reviews;
using Shipshape.Admission.Tls;
using Shipshape.Policy;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Logging;
using Shipshape.ServiceDefaults.Metrics;
using Shipshape.ServiceDefaults.Telemetry;

namespace Shipshape.Admission.Hosting;

public static class AdmissionServiceExtensions
{
    /// <summary>Log bytes buffered while the previous batch is written to stdout (two buffers); then writers wait.</summary>
    private const int LogBufferBytes = 256 * 1024;

    public static WebApplicationBuilder AddAdmissionService(this WebApplicationBuilder builder, AdmissionSettings settings)
    {
        var services = builder.Services;
        services.AddSingleton(Options.Create(settings.Admission));
        services.AddSingleton(Options.Create(settings.Tls));
        services.AddSingleton(settings.Certificate);
        services.AddSingleton(new PolicyEngine(settings.Policies));
        services.AddSingleton<AdmissionMetrics>();
        services.AddSingleton<Reviewer>();
        services.AddSingleton<CertificateReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<CertificateReloader>());
        services.AddProblemDetails();

        builder.AddJsonLineLogging(_ => LogBufferBytes);
        builder.AddServiceTelemetry();

        // URLs come from --urls / ASPNETCORE_URLS; every https one serves the current certificate, renewed or not.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var reloader = kestrel.ApplicationServices.GetRequiredService<CertificateReloader>();
                https.ServerCertificateSelector = (_, _) => reloader.Current;
            });
        });

        services.AddServiceHealth(_ => settings.Admission.Shutdown);
        // The webhook times every review itself (admission_review_duration_seconds, errors included); the framework's
        // per-request histogram on top cost a quarter of the throughput in the benchmark.
        services.AddServiceMetrics([AdmissionMetrics.MeterName], httpServer: false, AdmissionMetrics.DurationHistogram);
        return builder;
    }
}
