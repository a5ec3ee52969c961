using System.Net;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Api;

public sealed class MethodTests(EchoFactory factory) : IClassFixture<EchoFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HeadAnswersWithTheSameHeadersAsGet()
    {
        var get = await _client.GetAsync("/api?a=1&b=2");
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api?a=1&b=2"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethodsGet405WithAllowAndAProblem(string method)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api?a=1"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        var problem = await Problems.ReadAsync(response);
        Assert.Equal(405, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnknownPathsGetAProblemToo()
    {
        var response = await _client.GetAsync("/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await Problems.ReadAsync(response)).GetProperty("status").GetInt32());
    }
}
