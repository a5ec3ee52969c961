using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>Prometheus and Alertmanager keep their data on volumes of the platform's storage class, with requests set.</summary>
public sealed class StorageTests
{
    [Theory]
    [InlineData("prometheus.prometheusSpec.storageSpec")]
    [InlineData("alertmanager.alertmanagerSpec.storage")]
    public void DataLivesOnAClaimOfThePlatformStorageClass(string path)
    {
        var claim = MonitoringFiles.At($"{path}.volumeClaimTemplate.spec");

        Assert.Equal(PlatformVars.Get("platform_storage_class"), (string)claim["storageClassName"]!);
        Assert.Equal(["ReadWriteOnce"], claim["accessModes"].Strings());
        Assert.False(string.IsNullOrEmpty((string?)claim["resources"]!["requests"]!["storage"]));
    }

    [Theory]
    [InlineData("prometheus.prometheusSpec.resources")]
    [InlineData("alertmanager.alertmanagerSpec.resources")]
    [InlineData("grafana.resources")]
    public void EveryServerRequestsCpuAndMemoryAndCapsMemory(string path)
    {
        var resources = MonitoringFiles.At(path);

        Assert.NotNull(resources["requests"]!["cpu"]);
        Assert.NotNull(resources["requests"]!["memory"]);
        Assert.NotNull(resources["limits"]!["memory"]);
    }

    [Fact]
    public void PrometheusDropsOldDataBeforeItsVolumeIsFull()
    {
        var spec = MonitoringFiles.At("prometheus.prometheusSpec");
        var size = Bytes((string)spec["storageSpec"]!["volumeClaimTemplate"]!["spec"]!["resources"]!["requests"]!["storage"]!);

        Assert.False(string.IsNullOrEmpty((string?)spec["retention"]));
        Assert.True(Bytes((string)spec["retentionSize"]!) < size, "retentionSize must stay below the volume's size");
    }

    // Prometheus' retentionSize units (KB, MB, GB: powers of 1024) and the Kubernetes quantities used here (Gi, Mi).
    private static long Bytes(string quantity)
    {
        var units = new Dictionary<string, long> { ["KB"] = 1L << 10, ["MB"] = 1L << 20, ["GB"] = 1L << 30, ["Mi"] = 1L << 20, ["Gi"] = 1L << 30 };
        var unit = units.Keys.Single(quantity.EndsWith);
        return long.Parse(quantity[..^unit.Length], System.Globalization.CultureInfo.InvariantCulture) * units[unit];
    }
}
