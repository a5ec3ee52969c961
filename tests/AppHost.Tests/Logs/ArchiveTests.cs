using System.Text.Json;
using Shipshape.AppHost.Local;
using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Logs;

/// <summary>Echo's file sink, its segments closed by age, the archiver, the local S3 server: every line of a burst stored once.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class ArchiveTests(RunningSystem system)
{
    private const int Requests = 2000;

    [Fact]
    public async Task EveryLineOfABurstArrivesInS3Once()
    {
        var run = Guid.NewGuid().ToString("N");
        var failures = await Burst.SendAsync(system.Entry, Requests, concurrency: 16, query: n => $"run={run}&id={n}");
        Assert.Empty(failures);

        var store = new S3Store(new Uri(system.System.S3Url), LocalSystem.S3AccessKey, LocalSystem.S3AccessKey);
        var seen = new Dictionary<int, int>();
        var read = new HashSet<string>();
        var complete = await Eventually.HoldsAsync(async () =>
        {
            foreach (var key in (await store.ListKeysAsync(LocalSystem.Bucket)).Where(read.Add))
            {
                foreach (var id in (await store.ReadGzipLinesAsync(key, LocalSystem.Bucket)).Select(line => IdOf(line, run)).OfType<int>())
                {
                    seen[id] = seen.GetValueOrDefault(id) + 1;
                }
            }
            return seen.Count == Requests;
        }, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));

        Assert.True(complete, $"{Requests - seen.Count} of {Requests} lines not archived");
        Assert.All(seen, pair => Assert.Equal(1, pair.Value));
        Assert.All(read, key => Assert.StartsWith($"logs/{PrometheusConfig.Namespace}/log-archiver/", key, StringComparison.Ordinal));
    }

    /// <summary>The id of an access line of this run, from its query; null for other lines.</summary>
    private static int? IdOf(string line, string run)
    {
        if (!line.Contains(run, StringComparison.Ordinal))
        {
            return null;
        }
        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("query", out var query) && query.TryGetProperty("id", out var id)
            ? int.Parse(id[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
