using Shipshape.Bench.Plot.Drawing;

namespace Shipshape.Bench.Plot.Charts;

/// <summary>Draws NAME.png from NAME.json in the results folder, or says why it did not.</summary>
internal static class ChartFile
{
    public static bool Draw(string resultsDir, string name, Func<string, Figure> build)
    {
        var json = Path.Combine(resultsDir, name + ".json");
        if (!File.Exists(json))
        {
            Console.WriteLine($"skipped {name}: no {json}");
            return false;
        }

        var png = Path.Combine(resultsDir, name + ".png");
        build(json).SavePng(png);
        Console.WriteLine($"wrote {png}");
        return true;
    }
}
