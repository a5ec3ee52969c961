using System.Globalization;

namespace Shipshape.Testing;

/// <summary>Reads values from the Prometheus text format.</summary>
public static class PrometheusText
{
    /// <summary>Sum of the samples of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/> (e.g. <c>reason="credentials"</c>).</summary>
    public static double Sum(string text, string metric, params string[] labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Whether the text has any sample of <paramref name="metric"/>.</summary>
    public static bool Has(string text, string metric) =>
        text.Split('\n').Any(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ');
}
