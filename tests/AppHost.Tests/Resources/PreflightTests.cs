using System.Net;
using System.Net.Sockets;
using Shipshape.AppHost.Local;

namespace Shipshape.AppHost.Tests.Resources;

/// <summary>A missing program or a taken port is named with what to do, before anything starts.</summary>
public sealed class PreflightTests
{
    private static readonly LocalSettings Defaults = new() { EntryPort = 0, PrometheusPort = 0, AlertmanagerPort = 0 };

    [Fact]
    public void NamesEachMissingProgramWithHowToInstallIt()
    {
        var problems = Preflight.Problems(Defaults, Layout(), new Tools(null, null, null, null, null));

        Assert.Contains(problems, p => p.StartsWith("nginx (the load balancer) is not installed: apt-get install nginx-light", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("prometheus is not installed: apt-get install prometheus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("alertmanager is not installed: apt-get install prometheus-alertmanager", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("the nginx Prometheus exporter is not installed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("node (it runs the local S3 server) is not installed", StringComparison.Ordinal));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void NothingIsAProblemWhenEverythingIsThere() =>
        Assert.Empty(Preflight.Problems(Defaults, Layout(), Tools.Find()));

    [Fact]
    public void NamesATakenPortAndTheSettingThatMovesIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var problems = Preflight.Problems(new LocalSettings { EntryPort = port, PrometheusPort = 0, AlertmanagerPort = 0 }, Layout(), Tools.Find());

        var problem = Assert.Single(problems);
        Assert.Equal($"port {port} for the entry point (nginx) is taken on 127.0.0.1 (another run still up, or another program): stop it, " +
            "or choose another with --Local:EntryPort=PORT (0 picks a free one)", problem);
    }

    [Fact]
    public async Task TheAppHostExitsWithCode2AndOneLinePerProblemInsteadOfStarting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");

        var result = await Command.RunAsync("dotnet", [appHost, $"--Local:PrometheusPort={port}", "--Local:EchoReplicas=0"], timeout: TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 2, result.Describe());
        Assert.Equal(
            [
                "shipshape: the local system cannot start (2 problems):",
                "  - Local:EchoReplicas must be between 1 and 16, not 0",
                $"  - port {port} for Prometheus is taken on 127.0.0.1 (another run still up, or another program): stop it, or choose another with --Local:PrometheusPort=PORT (0 picks a free one)",
            ],
            result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static LocalLayout Layout() => LocalLayout.Create(Repository.Path("src", "AppHost"), new LocalSettings());
}
