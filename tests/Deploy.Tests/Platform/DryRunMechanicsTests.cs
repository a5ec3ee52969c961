using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Cluster;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The playbook's own mechanics, on steps written for the test and run once: with platform_render_charts=true the dry
/// run runs `helm template` on each pinned chart from its repository (CI reaches no chart repository, so one is
/// served on 127.0.0.1), and every generated Secret value is drawn anew (two steps declaring the same Secret get
/// different values in one run; literals stay as written).
/// </summary>
public sealed class DryRunMechanicsTests(DryRunMechanicsTests.Run run) : IClassFixture<DryRunMechanicsTests.Run>
{
    [Fact]
    public void ADryRunWithChartsRendersEachPinnedChartFromItsRepository()
    {
        var deployment = File.ReadAllText(Path.Combine(run.RenderDirectory, "10-demo.chart", "demo", "templates", "deployment.yaml"));

        Assert.Contains("name: demo-release", deployment, StringComparison.Ordinal);
        Assert.Contains("helm.sh/chart: demo-1.2.3", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryGeneratedValueIsDrawnAnewAndLiteralsStayAsWritten()
    {
        var secrets = PlatformRendering.Read(run.RenderDirectory).Where(s => s.Id.StartsWith('2'))
            .Select(s => (JsonObject)s.Secrets.Single()["stringData"]!).ToList();

        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, data => Assert.Equal("admin", (string?)data["user"]));
        Assert.All(secrets, data => Assert.Matches("^[A-Za-z0-9]{32}$", (string)data["password"]!));
        Assert.NotEqual((string)secrets[0]["password"]!, (string)secrets[1]["password"]!);
    }

    /// <summary>The steps: a chart from the served repository, and the same Secret declared by two steps.</summary>
    public sealed class Run : IDisposable
    {
        private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-platform-mechanics-");

        public Run()
        {
            var repository = Directory.CreateDirectory(Path.Combine(_temp.FullName, "repo")).FullName;
            Tools.RunHelm("create", Path.Combine(_temp.FullName, "demo"));
            Tools.RunHelm("package", Path.Combine(_temp.FullName, "demo"), "--version", "1.2.3", "--destination", repository);
            var port = FreePort.Next();
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
            foreach (var id in new[] { "20-first", "21-second" })
            {
                File.WriteAllText(Path.Combine(releases, $"{id}.yml"), $"""
                    ---
                    name: {id[3..]}
                    namespace: demo
                    secrets:
                      - name: login
                        literal: {"{"}user: admin{"}"}
                        generate: [password]
                    """);
            }

            RenderDirectory = Path.Combine(_temp.FullName, "render");
            var server = ServeDirectory(repository, port);
            try
            {
                ClusterFiles.RunOk(
                    "ansible-playbook",
                    [PlatformFiles.PathOf("site.yml"), "-e", "platform_dry_run=true", "-e", $"platform_render_dir={RenderDirectory}",
                     "-e", $"platform_releases_dir={releases}", "-e", "platform_render_charts=true"],
                    environment: new Dictionary<string, string> { ["PATH"] = $"{Path.GetDirectoryName(Tools.Helm)}:{Environment.GetEnvironmentVariable("PATH")}" });
            }
            finally
            {
                Stop(server);
            }
        }

        public string RenderDirectory { get; }

        public void Dispose() => _temp.Delete(recursive: true);
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
}
