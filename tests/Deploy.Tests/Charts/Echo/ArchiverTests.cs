using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>archiver.enabled: the log archiver as a native sidecar sharing Echo's log directory.</summary>
public sealed class ArchiverTests
{
    [Fact]
    public void ArchiverIsANativeSidecarSharingTheVolumeEchosFileLogWritesTo()
    {
        var render = EchoChart.RenderProfile("archive-sidecar").Succeeded();
        var archiver = render.Archiver!;
        var volume = render.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "logs")!;
        var echoMount = render.Echo["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "logs")!;
        var archiverMount = archiver["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == "logs")!;

        Assert.Equal("Always", (string?)archiver["restartPolicy"]);
        Assert.NotNull(volume["emptyDir"]);
        Assert.Equal((string?)echoMount["mountPath"], (string?)archiverMount["mountPath"]);
        Assert.Equal((string?)echoMount["mountPath"], EchoChart.EnvValue(render.Echo, "FileLog__Directory"));
        Assert.Equal((string?)echoMount["mountPath"], EchoChart.EnvValue(archiver, "Archive__Directory"));
        Assert.Equal("shipshape-echo-logs", EchoChart.EnvValue(archiver, "Archive__Bucket"));
    }

    [Fact]
    public void ArchiverHasItsOwnProbesMetricsPortAndPodIdentity()
    {
        var render = EchoChart.RenderProfile("archive-sidecar").Succeeded();
        var archiver = render.Archiver!;
        var env = archiver["env"]!.AsArray();

        Assert.Equal(("/healthz", "archiver-http"), ((string)archiver["livenessProbe"]!["httpGet"]!["path"]!, (string)archiver["livenessProbe"]!["httpGet"]!["port"]!));
        Assert.Equal("/readyz", (string?)archiver["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Contains(archiver["ports"]!.AsArray(), p => (string?)p!["name"] == "archiver-http" && (int?)p["containerPort"] == 8081);
        Assert.Equal("metadata.namespace", (string?)env.Single(e => (string?)e!["name"] == "POD_NAMESPACE")!["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.name", (string?)env.Single(e => (string?)e!["name"] == "POD_NAME")!["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Contains(render.Objects.One("ServiceMonitor")["spec"]!["endpoints"]!.AsArray(), e => (string?)e!["port"] == "archiver-http");
    }

    [Fact]
    public void KeysComeFromTheExistingSecretAndNoSecretValueIsInTheChart()
    {
        var render = EchoChart.RenderProfile("archive-sidecar").Succeeded();
        var env = render.Archiver!["env"]!.AsArray();

        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" })
        {
            var keyRef = env.Single(e => (string?)e!["name"] == name)!["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal(("echo-archiver-s3", name), ((string)keyRef["name"]!, (string)keyRef["key"]!));
        }

        Assert.Empty(render.Objects.OfKind("Secret"));
    }

    [Fact]
    public void WithIrsaThePodHoldsNoKeysAndTheServiceAccountCarriesTheRole()
    {
        var render = EchoChart.RenderValues("""
            archiver: {enabled: true, s3: {bucket: logs, region: eu-west-1}}
            serviceAccount: {annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/echo-logs"}}
            """).Succeeded();

        Assert.DoesNotContain(render.Archiver!["env"]!.AsArray(), e => ((string)e!["name"]!).StartsWith("AWS_ACCESS", StringComparison.Ordinal) || ((string)e["name"]!).StartsWith("AWS_SECRET", StringComparison.Ordinal));
        Assert.Equal("eu-west-1", EchoChart.EnvValue(render.Archiver!, "AWS_REGION"));
        Assert.Equal("arn:aws:iam::123456789012:role/echo-logs", (string?)render.Objects.One("ServiceAccount")["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
    }

    [Fact]
    public void WithoutTheArchiverEchoWritesNoFileLogAndThePodHasNoSidecar()
    {
        var render = EchoChart.RenderProfile("default").Succeeded();

        Assert.Null(render.Archiver);
        Assert.Null(EchoChart.EnvValue(render.Echo, "FileLog__Directory"));
    }
}
