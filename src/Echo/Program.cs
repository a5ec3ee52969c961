using Shipshape.Echo.Api;
using Shipshape.Echo.Hosting;
using Shipshape.Echo.Logging;
using Shipshape.Echo.Metrics;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Hosting;

// Settings files live beside the binary, whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!EchoConfiguration.TryLoad(builder.Configuration, out var echo, out _, out var error))
{
    return StartupErrors.InvalidConfigurationExit(error);
}

builder.AddEchoService(echo);

var app = builder.Build();
app.UseAccessLog(EchoApi.Path);
app.UseStatusCodePages();
var managementHosts = echo.ManagementHosts();
app.MapHealthEndpoints(managementHosts);
app.MapEchoMetricsEndpoint(managementHosts);
app.MapEchoApi();
InjectedFaults.WarnIfEnabled(app);

return await StartupErrors.RunAsync(app);

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
