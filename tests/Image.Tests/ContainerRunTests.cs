using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shipshape.Admission.Tests.Support;
using Shipshape.Image.Tests.Support;

namespace Shipshape.Image.Tests;

/// <summary>The images run for real: entrypoint as declared, on 127.0.0.1, as user 10001, SIGTERM, exit code.</summary>
[Collection(BuiltImages.Name)]
public sealed class ContainerRunTests(ImageFixture images)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("aot")]
    [InlineData("jit")]
    public async Task EchoContainerAnswersApiAndStopsOnSigterm(string kind)
    {
        await using var echo = await Launch.EchoAsync(await images.ServiceAsync("echo"), kind);

        var body = await echo.Client.GetStringAsync("/api?id=one&tag=a&tag=b");
        using var ready = await echo.Client.GetAsync("/readyz");
        var uid = RunningContainer.UidOf(await echo.ListenerPidAsync());
        var exitCode = await echo.TerminateAsync(StopTimeout);

        Assert.Equal("""{"query":{"id":["one"],"tag":["a","b"]}}""", body);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(10001, uid);
        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{echo.Output}");
        Assert.Contains(echo.StdoutLines, line => line.StartsWith('{') && line.Contains("\"query\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdmissionContainerServesHttpsJudgesReviewsAndStopsOnSigterm()
    {
        await using var admission = await Launch.AdmissionAsync(await images.ServiceAsync("admission"));

        // The client trusts the test authority alone: these succeed only over the mounted certificate.
        using var ready = await admission.Client.GetAsync("/readyz");
        var denied = await ReviewAsync(admission, Workloads.Deployment(Workloads.Container(memory: null)));
        var allowed = await ReviewAsync(admission, Workloads.Deployment(Workloads.Container()));
        var uid = RunningContainer.UidOf(await admission.ListenerPidAsync());
        var exitCode = await admission.TerminateAsync(StopTimeout);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("https", admission.Client.BaseAddress!.Scheme);
        Assert.False(denied["allowed"]!.GetValue<bool>(), denied.ToJsonString());
        Assert.Contains("memory request", denied["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(allowed["allowed"]!.GetValue<bool>(), allowed.ToJsonString());
        Assert.Equal(10001, uid);
        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{admission.Output}");
    }

    [Theory]
    [MemberData(nameof(DockerfileImages.All), MemberType = typeof(DockerfileImages))]
    public async Task ContainerWritesNothingToItsFileSystemSoAReadOnlyRootFileSystemWorks(string service, string target)
    {
        var built = await images.ServiceAsync(service);
        var since = DateTime.UtcNow.AddSeconds(-1);
        await using var running = service == "echo" ? await Launch.EchoAsync(built, target) : await Launch.AdmissionAsync(built, target);
        var root = await running.Container.MountAsync();
        // Start-up, requests and shutdown: the moments a runtime likes to write.
        await running.Client.GetStringAsync("/healthz");
        await running.Client.GetStringAsync("/metrics");
        if (service == "echo")
        {
            await running.Client.GetStringAsync("/api?x=1");
        }
        else
        {
            await ReviewAsync(running, Workloads.Deployment(Workloads.Container(memory: null)));
        }

        var exitCode = await running.TerminateAsync(StopTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{running.Output}");
        var written = ImageChecks.WrittenSince(root, since).ToList();

        Assert.True(written.Count == 0, "written at run time: " + string.Join(", ", written));
    }

    [Fact]
    public async Task EchoPublishContainerImageRunsAsNonRoot()
    {
        var echo = await images.EchoWithPublishedImageAsync();
        var config = await echo.Buildah.ImageConfigAsync(echo.Image("publish"));
        Assert.Equal("10001", config.GetProperty("User").GetString());
        Assert.Contains("8080/tcp", config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));

        await using var running = await Launch.EchoAsync(echo, "publish");
        var uid = RunningContainer.UidOf(await running.ListenerPidAsync());
        var body = await running.Client.GetStringAsync("/api?x=1");
        var exitCode = await running.TerminateAsync(StopTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{running.Output}");

        Assert.Equal("""{"query":{"x":["1"]}}""", body);
        Assert.Equal(10001, uid);
    }

    /// <summary>POSTs an AdmissionReview for <paramref name="workload"/> to /validate; returns the answer's response.</summary>
    private static async Task<JsonObject> ReviewAsync(RunningContainer admission, JsonObject workload)
    {
        using var content = new StringContent(Reviews.Json(workload), System.Text.Encoding.UTF8, "application/json");
        using var answer = await admission.Client.PostAsync("/validate", content);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var review = await answer.Content.ReadFromJsonAsync<JsonObject>();
        return review!["response"]!.AsObject();
    }
}
