using Microsoft.Extensions.DependencyInjection;
using Shipshape.AppHost.Lifecycle;
using Shipshape.AppHost.Local;
using Shipshape.AppHost.Resources;

var builder = DistributedApplication.CreateBuilder(args);
var settings = LocalSettings.Load(builder.Configuration);
var layout = LocalLayout.Create(builder.AppHostDirectory, settings);
var tools = Tools.Find();
if (Preflight.Problems(settings, layout, tools) is { Count: > 0 } problems)
{
    return StartupProblems.Report(problems);
}

var system = new LocalSystem(settings, layout, LocalPorts.Choose(settings), tools, WebhookCertificates.Create(layout.Tls));
builder.Services.AddSingleton(system);

var s3 = builder.AddS3Server("s3", system);
var echo = builder.AddEchoReplicas(system);
var archiver = builder.AddLogArchiver("log-archiver", system).WaitFor(s3);
var admission = builder.AddAdmissionWebhook("admission", system);
var nginx = builder.AddNginx("nginx", system);
foreach (var replica in echo)
{
    nginx.WaitFor(replica);
}
builder.AddNginxExporter("nginx-exporter", system).WaitFor(nginx);
var alertmanager = builder.AddAlertmanager("alertmanager", system);
builder.AddPrometheus("prometheus", system).WaitFor(alertmanager);

builder.Services.AddRestartOnFailure([.. echo.Select(replica => replica.Resource.Name), archiver.Resource.Name, admission.Resource.Name]);
builder.Services.AddHostedService<ReadyBanner>();

await builder.Build().RunAsync();
return 0;
