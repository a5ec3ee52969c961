using System.Text.Json.Serialization;

namespace Shipshape.Bench.Plot.Results;

/// <summary>The <c>machine</c> object every results file has.</summary>
internal sealed record Machine(
    [property: JsonPropertyName("nproc")] int Nproc,
    [property: JsonPropertyName("cpu_model")] string CpuModel,
    [property: JsonPropertyName("loadavg_at_start")] IReadOnlyList<string> LoadavgAtStart)
{
    public string Describe() => $"{Nproc} cores, {CpuModel}, load average {LoadavgAtStart[0]} at the start";
}
