using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Shipshape.Echo.Logging;
using Shipshape.Echo.Metrics;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Logging;
using Shipshape.ServiceDefaults.Telemetry;

namespace Shipshape.Echo.Hosting;

public static class EchoServiceExtensions
{
    /// <summary>Room in the request line for the method, path and version besides the query string.</summary>
    private const int RequestLineOverhead = 8 * 1024;

    public static WebApplicationBuilder AddEchoService(this WebApplicationBuilder builder, EchoOptions echo)
    {
        var services = builder.Services;
        services.AddOptions<EchoOptions>().BindConfiguration(EchoOptions.Section);
        services.AddSingleton<IValidateOptions<EchoOptions>, EchoOptionsValidator>();
        services.AddOptions<FileLogOptions>().BindConfiguration(FileLogOptions.Section);
        services.AddSingleton<IValidateOptions<FileLogOptions>, FileLogOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EchoOptions>>((kestrel, options) =>
        {
            kestrel.AddServerHeader = false;
            // Let our own limit answer long queries with problem+json instead of Kestrel's bare 414.
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, options.Value.MaxQueryBytes + RequestLineOverhead);
        });
        services.AddProblemDetails();
        services.AddSingleton<Api.InjectedFaults>();
        builder.AddEchoLogging();
        builder.AddServiceTelemetry();
        services.AddServiceHealth(provider => provider.GetRequiredService<IOptions<EchoOptions>>().Value.Shutdown);
        services.AddEchoMetrics();
        if (echo.ManagementUrls is { Length: > 0 } management)
        {
            builder.WebHost.UseUrls($"{MainUrls(builder.Configuration)};{management}");
        }

        return builder;
    }

    /// <summary>The hosts ("*:port") that health and metrics endpoints answer on; empty means every host.</summary>
    public static string[] ManagementHosts(this EchoOptions echo) =>
        echo.ManagementUrls is { Length: > 0 } urls
            ? [.. ManagementPorts.Parse(urls)!.Select(port => $"*:{port}")]
            : [];

    private static string MainUrls(ConfigurationManager configuration) =>
        configuration[WebHostDefaults.ServerUrlsKey]
        ?? (configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports
            ? string.Join(';', ports.Split(';').Select(port => $"http://*:{port}"))
            : "http://localhost:5000");
}
