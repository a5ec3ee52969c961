using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipshape.AppHost.Tests.Support;
using Shipshape.Policy.Manifests;

namespace Shipshape.AppHost.Tests.Admission;

/// <summary>Sample manifests sent to the running webhook as the API server would: AdmissionReview over TLS, trusting only the local CA.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class WebhookOverTlsTests(RunningSystem system)
{
    [Theory]
    [InlineData("allowed-deployment.yaml", true, null)]
    [InlineData("allowed-pod.yaml", true, null)]
    [InlineData("denied-no-requests.yaml", false, "container \"web\" has no cpu request")]
    [InlineData("denied-init-container.yaml", false, "init container \"wait-for-db\" has no memory request")]
    public async Task JudgesSampleManifests(string sample, bool allowed, string? message)
    {
        var manifest = ManifestReader.Read(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Admission", "Samples", sample)), sample).Single();
        var uid = Guid.NewGuid().ToString();
        using var client = TrustingLocalCa();

        using var response = await client.PostAsJsonAsync(new Uri($"{system.System.AdmissionUrl}/validate"), Review(JsonNode.Parse(manifest.Json.GetRawText())!.AsObject(), uid));

        response.EnsureSuccessStatusCode();
        var review = await response.Content.ReadFromJsonAsync<JsonElement>();
        var verdict = review.GetProperty("response");
        Assert.Equal(uid, verdict.GetProperty("uid").GetString());
        Assert.Equal(allowed, verdict.GetProperty("allowed").GetBoolean());
        if (message is not null)
        {
            Assert.Contains(message, verdict.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(403, verdict.GetProperty("status").GetProperty("code").GetInt32());
        }
    }

    [Fact]
    public async Task AClientThatDoesNotTrustTheLocalCaIsRefused()
    {
        using var client = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"{system.System.AdmissionUrl}/readyz")));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }

    private HttpClient TrustingLocalCa() => new(system.System.Certificates.TrustingHandler());

    private static JsonObject Review(JsonObject obj, string uid)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        var (group, version) = apiVersion.Split('/') is [var g, var v] ? (g, v) : ("", apiVersion);
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = kind.ToLowerInvariant() + "s" },
                ["name"] = obj["metadata"]!["name"]!.GetValue<string>(),
                ["namespace"] = obj["metadata"]!["namespace"]!.GetValue<string>(),
                ["operation"] = "CREATE",
                ["userInfo"] = new JsonObject { ["username"] = "system-test" },
                ["object"] = obj,
                ["dryRun"] = false,
            },
        };
    }
}
