using System.Text.Json;

namespace Shipshape.Echo.Tests.Support;

public static class AccessLog
{
    /// <summary>The access-log lines among Echo's stdout lines (those with a status), parsed.</summary>
    public static JsonElement[] Lines(IEnumerable<string> stdoutLines) =>
        [.. stdoutLines.Select(line => JsonDocument.Parse(line).RootElement).Where(line => line.TryGetProperty("status", out _))];
}
