using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Shipshape.Echo.Hosting;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Api;

/// <summary>Echo:Faults:ErrorRatio answers exactly that share of /api requests with an injected 500, counted as such.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task AQuarterOfRequestsGetAnInjected500WhenTheRatioIsAQuarter()
    {
        await using var echo = EchoFactory.With(("Echo:Faults:ErrorRatio", "0.25"));
        var client = echo.CreateClient();

        var statuses = new List<HttpStatusCode>();
        JsonProblem? problem = null;
        for (var i = 0; i < 100; i++)
        {
            using var response = await client.GetAsync($"/api?n={i}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                var body = await Problems.ReadAsync(response);
                problem = new(body.GetProperty("title").GetString(), body.GetProperty("detail").GetString());
            }
        }

        Assert.Equal(25, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        Assert.Equal(75, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal("Injected fault", problem!.Title);
        Assert.Contains("Echo:Faults:ErrorRatio", problem.Detail, StringComparison.Ordinal);

        // Logged and measured as the 500s they are: the SLO's error ratio sees them.
        var lines = await echo.AccessLinesAsync(100);
        Assert.Equal(25, lines.Count(line => line.GetProperty("status").GetInt32() == 500));
        Assert.True(await MetricsShowAsync(client, """http_server_request_duration_seconds_count\{[^}]*http_response_status_code="500",http_route="/api"[^}]*\} 25\b"""));
    }

    [Fact]
    public async Task NoRequestFailsWhenFaultsAreOff()
    {
        await using var echo = new EchoFactory();
        var client = echo.CreateClient();

        for (var i = 0; i < 50; i++)
        {
            using var response = await client.GetAsync($"/api?n={i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    [InlineData("NaN")]
    [InlineData("often")]
    public void ARatioOutsideZeroToOneIsRefusedNamingTheKey(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Echo:Faults:ErrorRatio", value)]).Build();

        Assert.False(EchoConfiguration.TryLoad(configuration, out _, out var error));
        Assert.Contains("Echo:Faults:ErrorRatio", error, StringComparison.Ordinal);
    }

    private static async Task<bool> MetricsShowAsync(HttpClient client, string pattern)
    {
        // The framework records a request's duration after its answer is sent: scrape until it is in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            if (Regex.IsMatch(await client.GetStringAsync("/metrics"), pattern))
            {
                return true;
            }
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    private sealed record JsonProblem(string? Title, string? Detail);
}
