using Shipshape.Admission.Hosting;
using Shipshape.Admission.Reviews;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Hosting;
using Shipshape.ServiceDefaults.Metrics;

// Settings files live beside the binary, whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!AdmissionConfiguration.TryLoad(builder.Configuration, out var settings, out var error))
{
    return StartupErrors.InvalidConfigurationExit(error);
}

builder.AddAdmissionService(settings!);

var app = builder.Build();
app.UseStatusCodePages();
app.MapHealthEndpoints([]);
app.MapMetricsEndpoint([]);
app.MapValidateEndpoint();

return await StartupErrors.RunAsync(app);

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
