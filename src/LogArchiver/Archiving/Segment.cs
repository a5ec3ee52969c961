using System.Globalization;
using System.Text.RegularExpressions;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>A closed log segment waiting in the directory: its file, size and the time it was started (UTC).</summary>
public sealed partial record Segment(string Path, string Name, long Bytes, DateTimeOffset Started)
{
    public const string ClosedPattern = "*.log";

    /// <summary>
    /// Reads a closed segment's facts. The start time comes from the name Echo gives it (<c>echo-20261125T193903123Z-…</c>)
    /// so that its key never changes between attempts; a file named otherwise uses its last write time.
    /// </summary>
    public static Segment FromFile(FileInfo file)
    {
        var match = StartInName().Match(file.Name);
        var started = match.Success && DateTimeOffset.TryParseExact(match.Groups[1].Value, SegmentWriter.StartFormat,
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        return new Segment(file.FullName, file.Name, file.Length, started);
    }

    [GeneratedRegex(@"-(\d{8}T\d{9}Z)-")]
    private static partial Regex StartInName();
}
