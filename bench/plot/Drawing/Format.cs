using System.Globalization;

namespace Shipshape.Bench.Plot.Drawing;

/// <summary>How numbers read on the charts (invariant culture: the same on every machine).</summary>
internal static class Format
{
    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) =>
        value.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture);

    public static string Times(double ratio) =>
        ratio.ToString(ratio >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture) + "×";

    public static string Commit(string commit, bool dirty) =>
        (commit.Length > 12 ? commit[..12] : commit) + (dirty ? " (with uncommitted changes)" : "");
}
