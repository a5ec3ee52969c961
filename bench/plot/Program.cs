using Shipshape.Bench.Plot.Charts;
using Shipshape.Bench.Plot.Drawing;

// Draws each benchmark's results as a chart: RESULTS_DIR/NAME.json -> RESULTS_DIR/NAME.png.
// Usage: Plot [RESULTS_DIR] (default bench/results); bench/plot/run.sh builds and runs it.
var resultsDir = args.Length > 0 ? args[0] : Path.Combine("bench", "results");
Style.LoadFonts();

var drawn = new[]
{
    ChartFile.Draw(resultsDir, "echo", EchoChart.Build),
    ChartFile.Draw(resultsDir, "admission", AdmissionChart.Build),
    ChartFile.Draw(resultsDir, "logs", LogsChart.Build),
};
return drawn.Any(d => d) ? 0 : 1;
