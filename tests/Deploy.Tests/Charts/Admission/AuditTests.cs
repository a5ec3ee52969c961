using System.Text.Json;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>The webhook's own workload passes the policies it enforces, judged by `shipshape audit` as a pipeline would.</summary>
public sealed class AuditTests
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void ChartDeploymentPassesShipshapeAuditWithoutAWarning(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();

        var report = ChartChecks.Audit(render.Text);

        var judged = Assert.Single(report.GetProperty("objects").EnumerateArray());
        Assert.Equal("Deployment", judged.GetProperty("kind").GetString());
        Assert.True(judged.GetProperty("allowed").GetBoolean());
        Assert.Empty(judged.GetProperty("violations").EnumerateArray());
    }

    [Fact]
    public void CustomPoliciesTheChartShipsAreAValidPoliciesFileAndTheChartPassesThem()
    {
        var render = AdmissionChart.RenderProfile("custom-policies").Succeeded();
        var policies = (string)render.Objects.OfKind("ConfigMap").Single()["data"]!["policies.yaml"]!;
        var file = Path.Combine(Path.GetTempPath(), $"admission-policies-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, policies);
        try
        {
            var report = ChartChecks.Audit(render.Text, "--policies", file);

            Assert.Equal(file, report.GetProperty("policies").GetString());
            Assert.True(Assert.Single(report.GetProperty("objects").EnumerateArray()).GetProperty("allowed").GetBoolean());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
