using Shipshape.Bench.Plot.Drawing;
using Shipshape.Bench.Plot.Results;

namespace Shipshape.Bench.Plot.Charts;

/// <summary>echo.png: Echo (JIT and Native AOT) against nginx, plain ASP.NET and Flask.</summary>
internal static class EchoChart
{
    private static readonly (string Key, string Name, bool Ours)[] Servers =
    [
        ("nginx", "nginx (return 200)", false),
        ("aspnet-plain", "plain ASP.NET, no logging", false),
        ("echo-aot", "Echo, Native AOT", true),
        ("echo-jit", "Echo, JIT", true),
        ("flask", "Flask + gunicorn", false),
    ];

    public static Figure Build(string path)
    {
        var doc = Json.Read<EchoResults>(path);
        var known = Servers.Where(s => doc.Results.ContainsKey(s.Key)).ToList();
        var others = doc.Results.Keys.Except(Servers.Select(s => s.Key))
            .Select(k => (Key: k, Name: doc.Results[k].Label, Ours: false));
        var shown = known.Concat(others).ToList();
        var runs = $"median of {doc.Load.Runs} runs";

        var throughput = BarPanel.Create(
            "Throughput (higher is better)",
            $"requests per second, {runs}",
            shown.Select(s => new BarItem(s.Name, doc.Results[s.Key].RequestsPerS, s.Ours)).ToList(),
            Format.Count);
        var latency = BarPanel.Create(
            "Latency (lower is better)",
            $"p99 latency in ms, {runs}",
            shown.Select(s => new BarItem(s.Name, doc.Results[s.Key].P99Ms, s.Ours)).ToList(),
            v => Format.Fixed(v, 2) + " ms");

        return new Figure(
            "Echo against its peers: GET /api with a unique query string",
            Subtitle(doc.Ratios),
            [
                $"wrk -t{doc.Load.Threads} -c{doc.Load.Connections} -d{doc.Load.Duration} on the same machine as the server (they share its cores). Blue: Shipshape; grey: its peers.",
                $"{doc.Date} · Echo built from {Format.Commit(doc.EchoBuild.Commit, doc.EchoBuild.SrcDirty)} · {doc.Machine.Describe()} · bench/results/echo.json",
            ],
            [throughput, latency]);
    }

    private static string Subtitle(IReadOnlyDictionary<string, double> ratios)
    {
        string Part(string build, string name)
        {
            var peers = new[] { ("flask", "Flask"), ("nginx", "nginx"), ("aspnet_plain", "plain ASP.NET") }
                .Where(p => ratios.ContainsKey($"echo_{build}_over_{p.Item1}"))
                .Select(p => $"{Format.Times(ratios[$"echo_{build}_over_{p.Item1}"])} {p.Item2}");
            return $"{name} {string.Join(", ", peers)}";
        }

        return ratios.Count == 0
            ? "Requests per second and p99 latency, one server at a time"
            : $"Requests/s of Echo: {Part("jit", "JIT")}; {Part("aot", "Native AOT")}";
    }
}
