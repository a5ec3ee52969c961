using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Shipshape.Deploy.Tests.Cluster;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The dry run with platform_render_charts=true runs `helm template` on each pinned chart from its repository.
/// CI reaches no chart repository, so this runs the same tasks against a chart repository served on 127.0.0.1.
/// </summary>
public sealed class ChartRenderingTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-platform-charts-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void ADryRunWithChartsRendersEachPinnedChartFromItsRepository()
    {
        var repository = Directory.CreateDirectory(Path.Combine(_temp.FullName, "repo")).FullName;
        Tools.RunHelm("create", Path.Combine(_temp.FullName, "demo"));
        Tools.RunHelm("package", Path.Combine(_temp.FullName, "demo"), "--version", "1.2.3", "--destination", repository);
        var port = FreePort();
        Tools.RunHelm("repo", "index", repository, "--url", $"http://127.0.0.1:{port}");
        var releases = Directory.CreateDirectory(Path.Combine(_temp.FullName, "releases")).FullName;
        File.WriteAllText(Path.Combine(releases, "10-demo.yml"), $"""
            ---
            name: demo-release
            namespace: demo
            chart:
              repo: http://127.0.0.1:{port}
              name: demo
              version: "1.2.3"
              source: https://example.invalid/demo
            """);
        var render = Path.Combine(_temp.FullName, "render");

        var server = ServeDirectory(repository, port);
        CommandResult result;
        try
        {
            result = ClusterFiles.RunOk(
                "ansible-playbook",
                [PlatformFiles.PathOf("site.yml"), "-e", "platform_dry_run=true", "-e", $"platform_render_dir={render}",
                 "-e", $"platform_releases_dir={releases}", "-e", "platform_render_charts=true"],
                environment: new Dictionary<string, string> { ["PATH"] = $"{Path.GetDirectoryName(Tools.Helm)}:{Environment.GetEnvironmentVariable("PATH")}" });
        }
        finally
        {
            Stop(server);
        }

        var deployment = File.ReadAllText(Path.Combine(render, "10-demo.chart", "demo", "templates", "deployment.yaml"));
        Assert.Contains("name: demo-release", deployment, StringComparison.Ordinal);
        Assert.Contains("helm.sh/chart: demo-1.2.3", deployment, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(render, "10-demo.yaml")), result.Stdout);
    }

    /// <summary>python3's static file server on 127.0.0.1, ready once it accepts a connection; killed on dispose.</summary>
    private static Process ServeDirectory(string directory, int port)
    {
        var server = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                Thread.Sleep(100);
            }
            catch
            {
                Stop(server);
                throw;
            }
        }
    }

    private static void Stop(Process server)
    {
        if (!server.HasExited)
        {
            server.Kill(entireProcessTree: true);
        }

        server.WaitForExit();
        server.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
