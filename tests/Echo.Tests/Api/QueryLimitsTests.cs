using System.Net;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Api;

public sealed class QueryLimitsTests(EchoFactory factory) : IClassFixture<EchoFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task QueryOverEightKibibytesGets414WithAProblem()
    {
        var response = await _client.GetAsync("/api?q=" + new string('x', 8 * 1024 - 1));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        var problem = await Problems.ReadAsync(response);
        Assert.Equal("Query string too long", problem.GetProperty("title").GetString());
        Assert.Contains("8192", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryOfExactlyEightKibibytesIsAnswered()
    {
        var response = await _client.GetAsync("/api?q=" + new string('x', 8 * 1024 - 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MoreThan256ParametersGets400WithAProblem()
    {
        var response = await _client.GetAsync("/api?" + string.Join('&', Enumerable.Range(0, 257).Select(i => $"k{i}=1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Too many query parameters", (await Problems.ReadAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Exactly256ParametersAreAnswered()
    {
        var response = await _client.GetAsync("/api?" + string.Join('&', Enumerable.Range(0, 256).Select(i => $"k={i}")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("?q=%")]
    [InlineData("?q=%4")]
    [InlineData("?q=%zz")]
    [InlineData("?q=ok&q=%4g")]
    [InlineData("?%g1=v")]
    public async Task MalformedPercentEncodingGets400WithAProblem(string rawQuery)
    {
        var response = await factory.GetRawAsync("/api", rawQuery);

        Assert.Equal(400, response.Status);
        Assert.Equal("Malformed percent-encoding", response.Problem().GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api?q=%FF")]
    [InlineData("/api?q=%C3%28")]
    [InlineData("/api?q=%ED%A0%80")]
    [InlineData("/api?q=%E2%82")]
    [InlineData("/api?q=%C0%AF")]
    public async Task InvalidUtf8Gets400WithAProblem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid UTF-8 in query string", (await Problems.ReadAsync(response)).GetProperty("title").GetString());
    }
}

public sealed class ConfiguredQueryLimitsTests
{
    [Fact]
    public async Task ConfiguredLimitsAreApplied()
    {
        await using var factory = EchoFactory.With(("Echo:MaxQueryBytes", "64"), ("Echo:MaxParameters", "3"));
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.RequestUriTooLong, (await client.GetAsync("/api?q=" + new string('x', 63))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api?q=" + new string('x', 62))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api?a&b&c&d")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api?a&b&c")).StatusCode);
    }
}
