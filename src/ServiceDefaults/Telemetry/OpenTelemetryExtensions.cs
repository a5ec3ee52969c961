using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Metrics;

namespace Shipshape.ServiceDefaults.Telemetry;

public static class OpenTelemetryExtensions
{
    /// <summary>Where OTLP goes; Aspire sets it (and OTEL_SERVICE_NAME) for every project it starts.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Probes and scrapes: frequent, uninteresting, and not worth a span each.</summary>
    private static readonly PathString[] Untraced = [HealthEndpoints.LivePath, HealthEndpoints.ReadyPath, MetricsExtensions.Path];

    /// <summary>
    /// What the Aspire ServiceDefaults template sends to its dashboard, only when <see cref="OtlpEndpointKey"/> is set: logs,
    /// traces of incoming (probes and scrapes left out) and outgoing HTTP requests, and the service's metrics besides the
    /// Prometheus endpoint, all over OTLP configured by the standard OTEL_* settings. Without it nothing is added: no
    /// tracing, no extra logger, nothing on the request path. Call it after the JSON line logging, which clears providers.
    /// </summary>
    public static TBuilder AddServiceTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsUntraced(context.Request.Path))
                .AddHttpClientInstrumentation())
            // One OTLP exporter for logs, traces and metrics; the metrics reader sits beside the Prometheus one.
            .UseOtlpExporter();
        return builder;
    }

    private static bool IsUntraced(PathString path)
    {
        foreach (var untraced in Untraced)
        {
            if (path.StartsWithSegments(untraced))
            {
                return true;
            }
        }

        return false;
    }
}
