using System.Text.Json;
using System.Text.Json.Nodes;
using Shipshape.Admission.Tests.Support;
using W = Shipshape.Admission.Tests.Support.Workloads;

namespace Shipshape.Admission.Tests.Reviews;

/// <summary>Bad input gets a 4xx problem saying what is wrong, never a 500, and the server keeps serving.</summary>
public sealed class BadInputTests(AdmissionServerFixture fixture) : IClassFixture<AdmissionServerFixture>
{
    public static TheoryData<string, string, string> BadReviews => new()
    {
        { "malformed JSON", """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":""", "the body is not valid JSON" },
        { "not an object", "[1,2,3]", "the body must be a JSON object (an AdmissionReview), found a list" },
        { "wrong apiVersion", Mutate(r => r["apiVersion"] = "admission.k8s.io/v1beta1"), "apiVersion must be admission.k8s.io/v1, found \"admission.k8s.io/v1beta1\"" },
        { "wrong kind", Mutate(r => r["kind"] = "ConversionReview"), "kind must be AdmissionReview, found \"ConversionReview\"" },
        { "missing request", Mutate(r => r.Remove("request")), "request is missing" },
        { "missing uid", Mutate(r => r["request"]!.AsObject().Remove("uid")), "request.uid is missing" },
        { "unknown operation", Mutate(r => r["request"]!["operation"] = "PATCH"), "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, found \"PATCH\"" },
        { "CREATE without object", Mutate(r => r["request"]!["object"] = null), "request.object is missing" },
        { "object not an object", Mutate(r => r["request"]!["object"] = "Deployment"), "request.object must be an object, found a string" },
        { "unknown kind", Support.Reviews.Request(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "web" } }).ToJsonString(),
            "request.object: Service (v1) is not a kind this webhook judges" },
        { "containers not a list", Mutate(r => r["request"]!["object"]!["spec"]!["template"]!["spec"]!["containers"] = "web"),
            "request.object: Deployment shop/web: spec.template.spec.containers must be a list, found a string" },
        { "quantity that does not parse", Mutate(r => r["request"]!["object"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"] = "lots"),
            "request.object: Deployment shop/web: spec.template.spec.containers[0].resources.requests.cpu \"lots\" is not a quantity" },
        { "template missing", Mutate(r => r["request"]!["object"]!["spec"]!.AsObject().Remove("template")), "request.object: Deployment shop/web: spec.template.spec is missing" },
        { "dryRun not a boolean", Mutate(r => r["request"]!["dryRun"] = "yes"), "request.dryRun must be a boolean, found a string" },
    };

    [Theory]
    [MemberData(nameof(BadReviews))]
    public async Task BadReviewGets400ProblemSayingWhatIsWrong(string name, string body, string expected)
    {
        var (status, answer, contentType) = await fixture.Server.PostAsync(body);

        Assert.True(status == 400, $"{name}: expected 400, got {status}: {answer}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(expected, JsonDocument.Parse(answer).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/yaml")]
    public async Task WrongContentTypeGets415(string contentType)
    {
        var (status, answer, _) = await fixture.Server.PostAsync(Support.Reviews.Json(W.Deployment(W.Container())), contentType);

        Assert.Equal(415, status);
        Assert.Contains("Content-Type must be application/json", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheDefaultLimitOf3MiBGets413()
    {
        var review = Support.Reviews.Request(W.Deployment(W.Container()));
        review["request"]!["object"]!["metadata"]!["annotations"] = new JsonObject { ["padding"] = new string('x', 3 * 1024 * 1024) };

        var (status, answer, _) = await fixture.Server.PostAsync(review.ToJsonString());

        Assert.Equal(413, status);
        Assert.Contains("larger than the limit of 3145728 bytes", answer, StringComparison.Ordinal);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitGets413Too()
    {
        var review = Support.Reviews.Request(W.Deployment(W.Container()));
        review["request"]!["object"]!["metadata"]!["annotations"] = new JsonObject { ["padding"] = new string('x', 4 * 1024 * 1024) };
        using var content = new PushStreamContent(review.ToJsonString());

        using var response = await fixture.Server.Client.PostAsync(new Uri("/validate", UriKind.Relative), content);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task GetIsNotAllowed()
    {
        using var response = await fixture.Server.Client.GetAsync(new Uri("/validate", UriKind.Relative));

        Assert.Equal(405, (int)response.StatusCode);
    }

    private async Task AssertStillServesAsync()
    {
        var response = await fixture.Server.ReviewAsync(Support.Reviews.Json(W.Deployment(W.Container())));
        Assert.True(response.GetProperty("allowed").GetBoolean());
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var review = Support.Reviews.Request(W.Deployment(W.Container()));
        change(review);
        return review.ToJsonString();
    }

    /// <summary>A body sent without Content-Length (chunked), so only the server's reading limit can stop it.</summary>
    private sealed class PushStreamContent : HttpContent
    {
        private readonly string _body;

        public PushStreamContent(string body)
        {
            _body = body;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(_body);
            for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
