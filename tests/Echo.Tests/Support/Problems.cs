using System.Text.Json;

namespace Shipshape.Echo.Tests.Support;

public static class Problems
{
    /// <summary>Reads an application/problem+json body, failing when the answer is anything else.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
