using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipshape.Admission.Tests.Support;
using Xunit.Abstractions;

namespace Shipshape.Admission.Tests.Reviews;

/// <summary>
/// Thousands of randomly mutated and truncated reviews: the server never answers 500, never stops, and every 200 is a
/// valid AdmissionReview with the request's uid. The seed is printed, so a failure can be replayed.
/// </summary>
public sealed class FuzzTests(AdmissionServerFixture fixture, ITestOutputHelper output) : IClassFixture<AdmissionServerFixture>
{
    private const int Reviews = 4000;
    private const int Connections = 8;

    [Fact]
    public async Task MutatedReviewsNeverGet500AndEvery200EchoesTheUid()
    {
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED") is { } fixedSeed ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"FUZZ_SEED={seed}");
        var random = new Random(seed);
        var seeds = ((IEnumerable<object[]>)CorpusCase.All).Select(row => ((CorpusCase)row[0]).Review).ToArray();
        var bodies = Enumerable.Range(0, Reviews).Select(_ => Mutator.Mutate(seeds[random.Next(seeds.Length)], random)).ToArray();
        var statuses = new int[bodies.Length];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var (status, body, _) = await fixture.Server.PostAsync(bodies[index]);
                statuses[index] = status;
                if (Problem(bodies[index], status, body) is { } problem)
                {
                    failures.Add($"#{index} {problem}\n  sent: {Excerpt(bodies[index])}\n  got {status}: {Excerpt(Encoding.UTF8.GetBytes(body))}");
                }
            }
        }));

        foreach (var group in statuses.GroupBy(s => s).OrderBy(g => g.Key))
        {
            output.WriteLine($"HTTP {group.Key}: {group.Count()}");
        }
        var serverErrors = fixture.Server.Process.Lines.Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).Take(3);
        Assert.True(failures.IsEmpty,
            $"seed {seed}: {failures.Count} bad answers, e.g.\n{string.Join('\n', failures.Take(5))}\nserver errors:\n{string.Join('\n', serverErrors)}");
        Assert.Contains(200, statuses);
        Assert.Contains(400, statuses);
        using var health = await fixture.Server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(200, (int)health.StatusCode);
        Assert.False(fixture.Server.Process.HasExited);
    }

    private static string? Problem(byte[] sent, int status, string body)
    {
        if (status is 400 or 413)
        {
            return body.Contains("\"detail\"", StringComparison.Ordinal) ? null : "a refusal without a problem detail";
        }
        if (status != 200)
        {
            return $"unexpected status {status}";
        }
        var expectedUid = JsonDocument.Parse(sent).RootElement.GetProperty("request").GetProperty("uid").GetString();
        var root = JsonDocument.Parse(body).RootElement;
        var response = root.GetProperty("response");
        if (root.GetProperty("apiVersion").GetString() != "admission.k8s.io/v1" || root.GetProperty("kind").GetString() != "AdmissionReview")
        {
            return "200 that is not an admission.k8s.io/v1 AdmissionReview";
        }
        if (response.GetProperty("uid").GetString() != expectedUid)
        {
            return $"uid {response.GetProperty("uid")} instead of {expectedUid}";
        }
        return response.GetProperty("allowed").ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "allowed is not a boolean";
    }

    private static string Excerpt(byte[] bytes) => Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300));
}

/// <summary>Structural mutations (replace, drop, retype any node) and byte-level ones (truncate, flip, splice).</summary>
internal static class Mutator
{
    private static readonly JsonNode?[] Replacements =
        [null, 0, -1, 1e308, true, "", "x", "CREATE", new JsonArray(), new JsonObject(), new JsonArray(1, "a", null), new string('z', 10_000)];

    public static byte[] Mutate(JsonObject seed, Random random)
    {
        var review = (JsonObject)seed.DeepClone();
        review["request"]!["uid"] = Guid.NewGuid().ToString();
        var structural = random.Next(1, 4);
        for (var i = 0; i < structural; i++)
        {
            MutateNode(review, random);
        }
        var bytes = Encoding.UTF8.GetBytes(review.ToJsonString());
        return random.Next(3) switch
        {
            0 => bytes,
            1 => bytes[..random.Next(bytes.Length)],
            _ => Garble(bytes, random),
        };
    }

    private static void MutateNode(JsonObject root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        if (target.Parent is not { } parent)
        {
            return;
        }
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (parent)
        {
            case JsonObject obj:
                var name = target.GetPropertyName();
                if (random.Next(4) == 0)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = replacement;
                }
                break;
            case JsonArray array:
                var index = target.GetElementIndex();
                if (random.Next(4) == 0)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = replacement;
                }
                break;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }
                break;
        }
    }

    private static byte[] Garble(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }
}
