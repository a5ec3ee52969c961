using System.Net;
using System.Text.Json;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Api;

public sealed class EchoQueryTests(EchoFactory factory) : IClassFixture<EchoFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EveryParameterIsEchoedWithRepeatedKeysInOrder()
    {
        var query = await GetQueryAsync("/api?b=2&a=1&b=3&a=4");

        Assert.Equal(["b", "a"], query.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["2", "3"], Values(query, "b"));
        Assert.Equal(["1", "4"], Values(query, "a"));
    }

    [Fact]
    public async Task EmptyValuesAndKeysWithoutEqualsAreKept()
    {
        var query = await GetQueryAsync("/api?empty=&flag&x=1");

        Assert.Equal([""], Values(query, "empty"));
        Assert.Equal([""], Values(query, "flag"));
        Assert.Equal(["1"], Values(query, "x"));
    }

    [Theory]
    [InlineData("/api?q=a%20b", "q", "a b")]
    [InlineData("/api?q=a+b", "q", "a b")]
    [InlineData("/api?q=%2B1", "q", "+1")]
    [InlineData("/api?q=%E2%9C%93", "q", "\u2713")]
    [InlineData("/api?q=%F0%9F%9A%80", "q", "\U0001F680")]
    [InlineData("/api?q=a%3Db%26c", "q", "a=b&c")]
    [InlineData("/api?k%20ey=v", "k ey", "v")]
    [InlineData("/api?q=line1%0Aline2", "q", "line1\nline2")]
    public async Task PercentEncodingIsDecoded(string url, string key, string expected)
    {
        var query = await GetQueryAsync(url);

        Assert.Equal([expected], Values(query, key));
    }

    [Fact]
    public async Task NoQueryGivesAnEmptyObject()
    {
        var query = await GetQueryAsync("/api");

        Assert.Empty(query.EnumerateObject());
    }

    [Fact]
    public async Task AnswerIsJsonWithAContentLength()
    {
        var response = await _client.GetAsync("/api?a=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"query\":{\"a\":[\"1\"]}}", await response.Content.ReadAsStringAsync());
        Assert.Equal(21, response.Content.Headers.ContentLength);
    }

    private async Task<JsonElement> GetQueryAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("query").Clone();
    }

    private static string[] Values(JsonElement query, string key) =>
        [.. query.GetProperty(key).EnumerateArray().Select(v => v.GetString()!)];
}
