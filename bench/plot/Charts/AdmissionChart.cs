using Shipshape.Bench.Plot.Drawing;
using Shipshape.Bench.Plot.Results;

namespace Shipshape.Bench.Plot.Charts;

/// <summary>admission.png: the admission webhook against the Python webhook.</summary>
internal static class AdmissionChart
{
    private static readonly string[] Servers = ["ours", "peer"];

    public static Figure Build(string path)
    {
        var doc = Json.Read<AdmissionResults>(path);
        var servers = Servers.Where(doc.Results.ContainsKey).ToList();
        var runs = $"median of {doc.Load.Runs} runs";
        BarItem Item(string key, Func<AdmissionServer, double> value) =>
            new(doc.Results[key].Label, value(doc.Results[key]), key == "ours");

        var throughput = BarPanel.Create(
            "Throughput (higher is better)",
            $"AdmissionReviews answered per second, {runs}",
            servers.Select(s => Item(s, r => r.RequestsPerS)).ToList(),
            Format.Count);
        var latency = BarPanel.Create(
            "Latency (lower is better)",
            $"p99 latency in ms, {runs}",
            servers.Select(s => Item(s, r => r.P99Ms)).ToList(),
            v => Format.Fixed(v, 2) + " ms");

        var subtitle = doc.RatioOursOverPeer is { } ratio
            ? $"Shipshape.Admission answers {Format.Times(ratio)} the Python webhook's requests per second"
            : "Requests per second and p99 latency";
        return new Figure(
            "Admission webhook against the Python webhook: POST /validate",
            subtitle,
            [
                $"wrk -t{doc.Load.Threads} -c{doc.Load.Connections} -d{doc.Load.Duration} over {doc.Load.Tls}, on the same machine as the server. The peer's gunicorn sync workers close every",
                "connection: its requests/s pay a TLS handshake each, its p99 does not (wrk starts the clock after the handshake). Blue: Shipshape; grey: the peer.",
                $"{doc.Date} · built from {Format.Commit(doc.Git.Commit, doc.Git.SrcDirty)} · {doc.Machine.Describe()} · bench/results/admission.json",
            ],
            [throughput, latency]);
    }
}
