using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Tests.Support;

/// <summary>
/// The whole local system (src/AppHost) started once for the tests that share it, on free ports, with its state in a
/// temp folder. Disposing stops every process (also after a failed test), checks that none is left, and deletes the folder.
/// </summary>
public abstract class LocalSystemFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _state = Directory.CreateTempSubdirectory("shipshape-local-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public LocalSystem System { get; private set; } = null!;

    public HttpClient Entry { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public PrometheusApi Prometheus { get; private set; } = null!;

    public IReadOnlyList<string> EchoReplicas => [.. Enumerable.Range(1, System.Ports.Echo.Count).Select(i => $"echo-{i}")];

    /// <summary>Every resource the AppHost starts.</summary>
    public IReadOnlyList<string> ResourceNames =>
        ["s3", .. EchoReplicas, "admission", "log-archiver", "nginx", "nginx-exporter", "prometheus", "alertmanager"];

    /// <summary>Settings on top of the defaults, as <c>--Local:Key=value</c>.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--Local:StateDirectory={_state}",
            "--Local:EntryPort=0",
            "--Local:PrometheusPort=0",
            "--Local:AlertmanagerPort=0",
            "--Local:ScrapeInterval=00:00:01",
            "--Local:LogSegmentAge=00:00:03",
            .. Settings,
        ], timeout.Token);
        // The processes' own logs stay in Aspire; the test output shows warnings of the host, not every failed health probe during start.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        System = App.Services.GetRequiredService<LocalSystem>();
        Entry.BaseAddress = new Uri(System.EntryUrl);
        Prometheus = new PrometheusApi(new Uri(System.PrometheusUrl));
        foreach (var name in ResourceNames)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        Entry.Dispose();
        Prometheus?.Dispose();
        if (App is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await App.StopAsync(timeout.Token);
            await App.DisposeAsync();
        }
        try
        {
            // Whatever the tests did (killed replicas, failed midway), nothing of this run may outlive it.
            if (!await Eventually.HoldsAsync(() => Task.FromResult(ServiceProcesses.OfRun(_state).Count == 0), TimeSpan.FromSeconds(30)))
            {
                var left = ServiceProcesses.OfRun(_state);
                foreach (var pid in left)
                {
                    try
                    {
                        Signals.Send(pid, Signals.SigKill);
                    }
                    catch (InvalidOperationException)
                    {
                        // Gone meanwhile.
                    }
                }
                throw new InvalidOperationException($"processes of the local system still ran after it stopped (killed now): {string.Join(", ", left)}");
            }
        }
        finally
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}

/// <summary>The system as the README's command starts it: 4 Echo replicas, no faults.</summary>
public sealed class RunningSystem : LocalSystemFixture;

[CollectionDefinition(Name)]
public sealed class SharedRunningSystem : ICollectionFixture<RunningSystem>
{
    public const string Name = "running local system";
}
