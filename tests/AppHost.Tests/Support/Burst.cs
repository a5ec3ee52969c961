using System.Collections.Concurrent;
using System.Net;

namespace Shipshape.AppHost.Tests.Support;

/// <summary>A burst of GET /api requests from several concurrent clients, with no retries of its own.</summary>
public static class Burst
{
    /// <summary>Sends <paramref name="requests"/> requests; returns the failures (status or exception) by request number.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> SendAsync(
        HttpClient client, int requests, int concurrency, Func<int, string>? query = null, Action<int>? onCompleted = null)
    {
        var failures = new ConcurrentDictionary<int, string>();
        var completed = 0;
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, token) =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"/api?{query?.Invoke(n) ?? $"burst={n}"}", UriKind.Relative), token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures[n] = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}";
                }
            }
            catch (HttpRequestException e)
            {
                failures[n] = e.Message;
            }
            onCompleted?.Invoke(Interlocked.Increment(ref completed));
        });
        return failures;
    }
}
