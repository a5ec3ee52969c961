using System.Globalization;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>Kubernetes resource quantities as the values write them: cpu "500m" or "2", memory "256Mi" or "3Gi".</summary>
public static class Quantity
{
    public static double Cores(string value) =>
        value.EndsWith('m') ? Number(value[..^1]) / 1000 : Number(value);

    public static double Mebibytes(string value) =>
        value.EndsWith("Gi", StringComparison.Ordinal) ? Number(value[..^2]) * 1024
        : value.EndsWith("Mi", StringComparison.Ordinal) ? Number(value[..^2])
        : throw new InvalidOperationException($"memory {value}: write it in Mi or Gi");

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
