using Shipshape.Bench.Plot.Drawing;
using Shipshape.Bench.Plot.Results;

namespace Shipshape.Bench.Plot.Charts;

/// <summary>logs.png: the log archiver on one core against the Python peers, and what Echo's file sink costs Echo.</summary>
internal static class LogsChart
{
    private static readonly (string Key, string Name, bool Ours)[] Rows =
    [
        ("archiver-download", "Archiver, Verify=Download", true),
        ("archiver-head", "Archiver, Verify=Head", true),
        ("peer-upload", "Python gzip + boto3", false),
        ("peer-handler", "Python RotatingFileHandler", false),
    ];

    private static readonly (string Key, string Name)[] Echos =
    [
        ("echo-stdout", "Echo, stdout only"),
        ("echo-file", "Echo, stdout + file sink"),
    ];

    public static Figure Build(string path)
    {
        var doc = Json.Read<LogsResults>(path);
        var panels = new List<ScottPlot.Plot>();
        if (doc.Archive is { } archive)
        {
            var rows = Rows.Where(r => archive.Results.ContainsKey(r.Key)).ToList();
            var megabytes = Format.Count(archive.Volume.Bytes / 1e6);
            panels.Add(BarPanel.Create(
                $"Archiving {megabytes} MB of log to S3 on one core (higher is better)",
                "MB of log per second (wall clock, median of the batches)",
                rows.Select(r => new BarItem(r.Name, archive.Results[r.Key].MbPerS, r.Ours)).ToList(),
                v => Format.Fixed(v, 1) + " MB/s"));
            panels.Add(BarPanel.Create(
                "CPU it takes to archive 10 MB/s of log (lower is better)",
                "% of one core (CPU seconds per MB × 10 × 100)",
                rows.Select(r => new BarItem(r.Name, archive.Results[r.Key].PctCoreAt10MbS, r.Ours)).ToList(),
                v => Format.Fixed(v, 1) + " %"));
        }

        if (doc.Echo is { } echo)
        {
            var shown = Echos.Where(e => echo.Results.ContainsKey(e.Key)).ToList();
            panels.Add(BarPanel.Create(
                $"Echo with its file sink keeps {Format.Fixed(echo.RatioFileOverStdout, 2)} of its stdout-only requests/s (higher is better)",
                $"requests per second, median of {echo.Load.Runs} runs (wrk -c{echo.Load.Connections} -d{echo.Load.Duration}); the ratio is the median of the back-to-back pairs",
                shown.Select(e => new BarItem(e.Name, echo.Results[e.Key].RequestsPerS, true)).ToList(),
                Format.Count));
        }

        return new Figure(
            "Log pipeline: the log archiver against the Python peers, and Echo's file sink",
            Subtitle(doc),
            [
                "Archiver and peers pinned to one core, uploading to a local S3 server (s3rver) on the other; the RotatingFileHandler row includes formatting and writing every line.",
                "The like-for-like peer does less than the archiver (no hashes, no check of the stored object, no retry). Blue: Shipshape; grey: its peers.",
                $"{doc.Date} · built from {Format.Commit(doc.Build.Commit, doc.Build.SrcDirty)} · {doc.Machine.Describe()} · bench/results/logs.json",
            ],
            panels);
    }

    private static string Subtitle(LogsResults doc)
    {
        var parts = new List<string>();
        if (doc.Archive?.RatiosOursOverPeer is { } ratios)
        {
            var vs = new[] { ("peer-upload", "gzip + boto3"), ("peer-handler", "RotatingFileHandler") }
                .Where(p => ratios.ContainsKey($"archiver-download_over_{p.Item1}"))
                .Select(p => $"{Format.Times(ratios[$"archiver-download_over_{p.Item1}"].MbPerS)} {p.Item2}");
            parts.Add($"Archiver (default Verify=Download) MB/s: {string.Join(", ", vs)}");
        }

        if (doc.Echo is { } echo)
        {
            parts.Add($"Echo's peak log rate: {Format.Fixed(echo.PeakLogRateMbS, 1)} MB/s");
        }

        return string.Join("; ", parts);
    }
}
