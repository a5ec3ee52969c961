using System.Globalization;
using System.Text.Json;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Logging;

public sealed class AccessLogTests
{
    [Fact]
    public async Task EachRequestWritesExactlyOneLineWithTheQueryAndRequestFacts()
    {
        await using var echo = new EchoFactory();
        var client = echo.CreateClient();

        await client.GetAsync("/api?user=alice&tag=a&tag=b");
        var line = Assert.Single(await echo.AccessLinesAsync(1));

        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.False(string.IsNullOrEmpty(line.GetProperty("message").GetString()));
        Assert.Equal("GET", line.GetProperty("method").GetString());
        Assert.Equal("/api", line.GetProperty("path").GetString());
        Assert.Equal(200, line.GetProperty("status").GetInt32());
        Assert.True(line.GetProperty("durationMs").GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(line.GetProperty("requestId").GetString()));
        Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("traceId").GetString());
        Assert.Equal("""{"user":["alice"],"tag":["a","b"]}""", line.GetProperty("query").GetRawText());
    }

    [Fact]
    public async Task TimestampIsUtcRfc3339()
    {
        await using var echo = new EchoFactory();
        var before = DateTimeOffset.UtcNow;

        await echo.CreateClient().GetAsync("/api?a=1");
        var timestamp = Assert.Single(await echo.AccessLinesAsync(1)).GetProperty("timestamp").GetString()!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", timestamp);
        var parsed = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        Assert.InRange(parsed, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task IncomingTraceParentIsTheLinesTraceId()
    {
        await using var echo = new EchoFactory();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api?a=1");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        await echo.CreateClient().SendAsync(request);

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", Assert.Single(await echo.AccessLinesAsync(1)).GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("/api?q=evil%0A%7B%22level%22%3A%22Critical%22%7D", "evil\n{\"level\":\"Critical\"}")]
    [InlineData("/api?q=a%0D%0Ab", "a\r\nb")]
    [InlineData("/api?q=%00%01%1B%7F", "\0\u0001\u001b\u007f")]
    [InlineData("/api?q=%E2%80%A8%C2%85", "\u2028\u0085")]
    public async Task ClientCannotForgeOrSplitALine(string url, string value)
    {
        await using var echo = new EchoFactory();

        await echo.CreateClient().GetAsync(url);
        var lines = await echo.Stdout.WaitForLinesAsync(all => all.Any(l => l.Contains("\"status\"", StringComparison.Ordinal)));
        var access = Assert.Single(lines, l => l.Contains("\"status\"", StringComparison.Ordinal));

        Assert.All(access, c => Assert.InRange(c, ' ', '~'));
        Assert.DoesNotContain(lines, l => l.Contains("Critical", StringComparison.Ordinal) && !l.Contains("\"status\"", StringComparison.Ordinal));
        Assert.Equal(value, JsonDocument.Parse(access).RootElement.GetProperty("query").GetProperty("q")[0].GetString());
    }

    [Fact]
    public async Task HugeValuesStayOnOneLine()
    {
        await using var echo = new EchoFactory();
        var huge = string.Concat(Enumerable.Repeat("%0A", 2700));

        await echo.CreateClient().GetAsync("/api?q=" + huge);
        var line = Assert.Single(await echo.AccessLinesAsync(1));

        Assert.Equal(new string('\n', 2700), line.GetProperty("query").GetProperty("q")[0].GetString());
    }

    [Theory]
    [InlineData("password")]
    [InlineData("token")]
    [InlineData("secret")]
    [InlineData("authorization")]
    [InlineData("api_key")]
    [InlineData("PassWord")]
    public async Task SensitiveValuesAreMaskedInTheLogButEchoedToTheClient(string key)
    {
        await using var echo = new EchoFactory();

        var body = await echo.CreateClient().GetStringAsync($"/api?{key}=hunter2&{key}=again&user=bob");
        var line = Assert.Single(await echo.AccessLinesAsync(1));

        Assert.Contains("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["***", "***"], line.GetProperty("query").GetProperty(key).EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("bob", line.GetProperty("query").GetProperty("user")[0].GetString());
    }

    [Fact]
    public async Task SensitiveKeysAreConfigurable()
    {
        await using var echo = EchoFactory.With(("Echo:SensitiveKeys:0", "pin"));

        await echo.CreateClient().GetAsync("/api?pin=1234&password=visible");
        var query = Assert.Single(await echo.AccessLinesAsync(1)).GetProperty("query");

        Assert.Equal("***", query.GetProperty("pin")[0].GetString());
        Assert.Equal("visible", query.GetProperty("password")[0].GetString());
    }

    [Fact]
    public async Task RefusedRequestsAreLoggedWithABoundedRawQuery()
    {
        await using var echo = new EchoFactory();
        var client = echo.CreateClient();

        await echo.GetRawAsync("/api", "?q=%zz");
        await client.GetAsync("/api?q=" + new string('x', 9000));
        await client.PostAsync("/api?a=1", null);
        var lines = await echo.AccessLinesAsync(3);

        Assert.Equal([400, 405, 414], lines.Select(l => l.GetProperty("status").GetInt32()).Order());
        Assert.All(lines, l => Assert.Equal("Warning", l.GetProperty("level").GetString()));
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Null, l.GetProperty("query").ValueKind));
        var longOne = Assert.Single(lines, l => l.GetProperty("status").GetInt32() == 414);
        Assert.Equal(9003, longOne.GetProperty("rawQueryLength").GetInt32());
        Assert.Equal(1024, longOne.GetProperty("rawQuery").GetString()!.Length);
    }

    [Fact]
    public async Task HealthAndMetricsRequestsAreNotAccessLogged()
    {
        await using var echo = new EchoFactory();
        var client = echo.CreateClient();

        await client.GetAsync("/healthz");
        await client.GetAsync("/metrics");
        await client.GetAsync("/api?last=1");
        var lines = await echo.AccessLinesAsync(1);

        Assert.Equal("/api", Assert.Single(lines).GetProperty("path").GetString());
    }
}
