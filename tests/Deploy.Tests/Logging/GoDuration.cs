using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>Go's duration strings (<c>2s</c>, <c>5m</c>, <c>1h30m</c>), as the Beats read them.</summary>
internal static partial class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        Assert.Matches(Whole(), text);
        return Part().Matches(text).Aggregate(TimeSpan.Zero, (sum, part) =>
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            return sum + part.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.FromMicroseconds(value),
            };
        });
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(h|m|s|ms|us|µs))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|us|µs|h|m|s)")]
    private static partial Regex Part();
}
