using System.Globalization;

namespace Shipshape.LogArchiver.Tests.Support;

/// <summary>Segment files as Echo names and fills them: JSON lines with a unique id each.</summary>
public static class Segments
{
    private static long _sequence;

    /// <summary>Writes a closed segment of <paramref name="lines"/> lines whose ids start with <paramref name="idPrefix"/>; returns its path.</summary>
    public static string WriteClosed(string directory, string idPrefix, int lines, DateTimeOffset? started = null, int padding = 0)
    {
        var name = Name(started ?? DateTimeOffset.UtcNow);
        var path = Path.Combine(directory, name);
        File.WriteAllLines(path, Lines(idPrefix, lines, padding));
        return path;
    }

    public static string Name(DateTimeOffset started) => string.Create(CultureInfo.InvariantCulture,
        $"echo-{started.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-4242-{Interlocked.Increment(ref _sequence):D10}.log");

    public static IEnumerable<string> Lines(string idPrefix, int count, int padding = 0) =>
        Enumerable.Range(0, count).Select(i =>
            $$$"""{"timestamp":"2026-11-25T10:00:00.000Z","level":"Information","message":"GET /api","requestId":"{{{idPrefix}}}{{{i}}}","query":{"pad":["{{{new string('x', padding)}}}"]}}""");

    /// <summary>The request ids in JSON lines.</summary>
    public static IEnumerable<string> Ids(IEnumerable<string> lines) =>
        lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("requestId", out _))
            .Select(e => e.GetProperty("requestId").GetString()!);
}
