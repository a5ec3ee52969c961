using Shipshape.Deploy.Tests.Charts.Echo;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>Echo's canary analysis (the profile Argo CD deploys) queries our Prometheus where the operator serves it.</summary>
public sealed class CanaryAnalysisTests
{
    // The operator's governing Service of every Prometheus it runs, in the Prometheus' namespace, on the web port.
    private const string OperatorServiceName = "prometheus-operated";
    private const int PrometheusWebPort = 9090;

    [Fact]
    public void EchosCanaryAnalysisQueriesThePrometheusOfOurNamespace()
    {
        var template = EchoChart.RenderProfile("canary").Succeeded().Objects.One("AnalysisTemplate");
        var addresses = template["spec"]!["metrics"]!.AsArray()
            .Select(m => new Uri((string)m!["provider"]!["prometheus"]!["address"]!))
            .ToList();

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address =>
        {
            Assert.Equal($"{OperatorServiceName}.{MonitoringFiles.Release["namespace"]}.svc", address.Host);
            Assert.Equal(PrometheusWebPort, address.Port);
        });
    }
}
