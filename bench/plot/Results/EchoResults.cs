using System.Text.Json.Serialization;

namespace Shipshape.Bench.Plot.Results;

/// <summary>bench/results/echo.json (bench/echo/run.sh): the servers run are the keys of <c>results</c>.</summary>
internal sealed record EchoResults(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("machine")] Machine Machine,
    [property: JsonPropertyName("load")] EchoLoad Load,
    [property: JsonPropertyName("echo_build")] EchoBuild EchoBuild,
    [property: JsonPropertyName("results")] IReadOnlyDictionary<string, EchoServer> Results,
    [property: JsonPropertyName("ratios")] IReadOnlyDictionary<string, double> Ratios);

internal sealed record EchoLoad(
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("duration")] string Duration,
    [property: JsonPropertyName("runs")] int Runs);

internal sealed record EchoBuild(
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("src_dirty")] bool SrcDirty);

internal sealed record EchoServer(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("requests_per_s")] double RequestsPerS,
    [property: JsonPropertyName("p99_ms")] double P99Ms);
