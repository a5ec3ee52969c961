using System.Text.Json.Serialization;

namespace Shipshape.Bench.Plot.Results;

/// <summary>bench/results/admission.json (bench/admission/run.sh): <c>ours</c> and <c>peer</c> under <c>results</c>.</summary>
internal sealed record AdmissionResults(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("machine")] Machine Machine,
    [property: JsonPropertyName("load")] AdmissionLoad Load,
    [property: JsonPropertyName("git")] AdmissionGit Git,
    [property: JsonPropertyName("results")] IReadOnlyDictionary<string, AdmissionServer> Results,
    [property: JsonPropertyName("ratio_ours_over_peer")] double? RatioOursOverPeer);

internal sealed record AdmissionLoad(
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("duration")] string Duration,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("tls")] string Tls);

internal sealed record AdmissionGit(
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("src_dirty")] bool SrcDirty);

internal sealed record AdmissionServer(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("requests_per_s")] double RequestsPerS,
    [property: JsonPropertyName("p99_ms")] double P99Ms);
