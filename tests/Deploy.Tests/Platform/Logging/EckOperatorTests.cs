using System.Text.Json.Nodes;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The operator's values: sized, webhook on, metrics scraped over HTTPS.</summary>
public sealed class EckOperatorTests
{
    private static readonly JsonObject Values = LoggingFiles.Values("70-eck-operator.yml");

    [Fact]
    public void InstallsItsCrdsAndValidatingWebhookWithOperatorManagedCertificates()
    {
        Assert.True((bool)Values["installCRDs"]!);
        Assert.True((bool)Values["webhook"]!["enabled"]!);
        Assert.True((bool)Values["webhook"]!["manageCerts"]!);
    }

    [Fact]
    public void HasRequestsAndLimits()
    {
        Assert.NotNull(Values["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(Values["resources"]!["requests"]!["memory"]);
        Assert.NotNull(Values["resources"]!["limits"]!["memory"]);
    }

    [Fact]
    public void ExposesMetricsOverHttpsToAServiceMonitor()
    {
        // The chart renders the ServiceMonitor only with secureMode on, and metrics are off on port 0.
        var metrics = Values["config"]!["metrics"]!;
        Assert.NotEqual("0", (string)metrics["port"]!);
        Assert.True((bool)metrics["secureMode"]!["enabled"]!);
        Assert.True((bool)Values["serviceMonitor"]!["enabled"]!);
    }
}
