using Shipshape.LogArchiver.Hosting;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Hosting;
using Shipshape.ServiceDefaults.Metrics;

// Settings files live beside the binary, whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (!ArchiverConfiguration.TryLoad(builder.Configuration, out var settings, out var error))
{
    return StartupErrors.InvalidConfigurationExit(error);
}

builder.AddLogArchiver(settings!);

var app = builder.Build();
app.MapHealthEndpoints([]);
app.MapMetricsEndpoint([]);

return await StartupErrors.RunAsync(app);

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
