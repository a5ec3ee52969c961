using System.Text.Json.Serialization;

namespace Shipshape.Bench.Plot.Results;

/// <summary>bench/results/logs.json (bench/logs/run.sh): part 1 under <c>echo</c>, parts 2-3 under <c>archive</c>.</summary>
internal sealed record LogsResults(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("machine")] Machine Machine,
    [property: JsonPropertyName("build")] LogsBuild Build,
    [property: JsonPropertyName("echo")] LogsEcho? Echo,
    [property: JsonPropertyName("archive")] LogsArchive? Archive);

internal sealed record LogsBuild(
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("src_dirty")] bool SrcDirty);

internal sealed record LogsEcho(
    [property: JsonPropertyName("load")] LogsEchoLoad Load,
    [property: JsonPropertyName("results")] IReadOnlyDictionary<string, LogsEchoServer> Results,
    [property: JsonPropertyName("ratio_file_over_stdout")] double RatioFileOverStdout,
    [property: JsonPropertyName("peak_log_rate_mb_s")] double PeakLogRateMbS);

internal sealed record LogsEchoLoad(
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("duration")] string Duration,
    [property: JsonPropertyName("runs")] int Runs);

internal sealed record LogsEchoServer(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("requests_per_s")] double RequestsPerS,
    [property: JsonPropertyName("p99_ms")] double P99Ms);

internal sealed record LogsArchive(
    [property: JsonPropertyName("volume")] LogsVolume Volume,
    [property: JsonPropertyName("results")] IReadOnlyDictionary<string, LogsArchiveRow> Results,
    [property: JsonPropertyName("ratios_ours_over_peer")] IReadOnlyDictionary<string, LogsRatio> RatiosOursOverPeer);

internal sealed record LogsRatio(
    [property: JsonPropertyName("mb_per_s")] double MbPerS,
    [property: JsonPropertyName("cpu_s_per_mb")] double CpuSPerMb);

internal sealed record LogsVolume(
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("segments")] int Segments);

internal sealed record LogsArchiveRow(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("mb_per_s")] double MbPerS,
    [property: JsonPropertyName("pct_core_at_10_mb_s")] double PctCoreAt10MbS);
