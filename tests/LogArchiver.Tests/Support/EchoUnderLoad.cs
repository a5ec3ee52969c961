using System.Net;
using System.Text.Json;

namespace Shipshape.LogArchiver.Tests.Support;

/// <summary>Echo as a real process with its file log on, and requests with unique ids sent to it.</summary>
public static class EchoUnderLoad
{
    public static Task<ServiceProcess> StartAsync(string directory, int maxSegmentBytes = 64 * 1024, string flushInterval = "00:00:00") =>
        ServiceProcess.StartAsync([.. Builds.Echo, "--urls", "http://127.0.0.1:0"], new Dictionary<string, string>
        {
            ["FileLog__Directory"] = directory,
            ["FileLog__MaxSegmentBytes"] = maxSegmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FileLog__FlushInterval"] = flushInterval,
            ["Echo__Shutdown__DrainDelay"] = "00:00:00.200",
        });

    /// <summary>Sends GET /api?id=PREFIX{i} for i in [from, to) over <paramref name="connections"/> connections; every answer must be 200.</summary>
    public static async Task SendAsync(ServiceProcess echo, string prefix, int from, int to, int connections = 16)
    {
        using var client = echo.CreateClient(maxConnections: connections);
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (i, token) =>
        {
            using var response = await client.GetAsync(new Uri($"/api?id={prefix}{i}&tag=load", UriKind.Relative), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
    }

    /// <summary>The <c>id</c> query parameter of every access-log line among <paramref name="lines"/>.</summary>
    public static IEnumerable<string> RequestIds(IEnumerable<string> lines) =>
        lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.Object && q.TryGetProperty("id", out _))
            .Select(e => e.GetProperty("query").GetProperty("id")[0].GetString()!);

    /// <summary>Every id in every object of the bucket, with how often each occurs.</summary>
    public static async Task<Dictionary<string, int>> ArchivedIdsAsync(S3Server s3)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in await s3.ListKeysAsync())
        {
            foreach (var id in RequestIds(await s3.ReadGzipLinesAsync(key)))
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return counts;
    }

    /// <summary>Asserts that the archive holds exactly the ids PREFIX0..PREFIX{count-1} of <paramref name="prefix"/>, each once.</summary>
    public static void AssertEachOnce(Dictionary<string, int> archived, string prefix, int count)
    {
        var ours = archived.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary();
        var missing = Enumerable.Range(0, count).Select(i => $"{prefix}{i}").Where(id => !ours.ContainsKey(id)).ToList();
        var duplicated = ours.Where(a => a.Value > 1).Select(a => $"{a.Key} x{a.Value}").ToList();
        Assert.True(missing.Count == 0 && duplicated.Count == 0 && ours.Count == count,
            $"{count} ids expected once each: {missing.Count} missing ({string.Join(", ", missing.Take(10))}), {duplicated.Count} duplicated ({string.Join(", ", duplicated.Take(10))}), {ours.Count} distinct");
    }
}
