using System.Text.Json;
using Shipshape.Admission.Tests.Support;

namespace Shipshape.Admission.Tests.Reviews;

/// <summary>Reviews shaped like the API server's, over real TLS to the webhook process: each verdict, message and warning.</summary>
public sealed class CorpusTests(AdmissionServerFixture fixture) : IClassFixture<AdmissionServerFixture>
{
    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public async Task AnswersEachReviewWithItsUidVerdictMessageAndWarnings(CorpusCase corpus)
    {
        var uid = corpus.Review["request"]!["uid"]!.GetValue<string>();

        var response = await fixture.Server.ReviewAsync(corpus.Review.ToJsonString());

        Assert.Equal(uid, response.GetProperty("uid").GetString());
        Assert.Equal(corpus.Allowed, response.GetProperty("allowed").GetBoolean());
        if (corpus.Allowed)
        {
            Assert.False(response.TryGetProperty("status", out _), "an allowed review carries no failure status");
        }
        else
        {
            var status = response.GetProperty("status");
            Assert.Equal(403, status.GetProperty("code").GetInt32());
            Assert.Equal("Failure", status.GetProperty("status").GetString());
            var message = status.GetProperty("message").GetString()!;
            Assert.All(corpus.Denials, denial => Assert.Contains(denial, message, StringComparison.Ordinal));
            Assert.Equal(corpus.Denials.Length, message.Split("; ").Length);
        }
        var warnings = response.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        Assert.All(corpus.Warnings, expected => Assert.Contains(warnings, actual => actual.StartsWith(expected, StringComparison.Ordinal)));
        if (corpus.Warnings.Length == 0)
        {
            Assert.Empty(warnings);
        }
    }

    [Fact]
    public async Task AnswerIsAnAdmissionReviewV1()
    {
        var (status, body, contentType) = await fixture.Server.PostAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container())));

        Assert.Equal(200, status);
        Assert.Equal("application/json", contentType);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("admission.k8s.io/v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("AdmissionReview", root.GetProperty("kind").GetString());
    }
}
