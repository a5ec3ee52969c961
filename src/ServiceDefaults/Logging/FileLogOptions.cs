using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.ServiceDefaults.Logging;

/// <summary>
/// The optional file copy of the log (the <c>FileLog</c> section): off unless <see cref="Directory"/> is set; stdout stays on.
/// </summary>
public sealed class FileLogOptions
{
    public const string Section = "FileLog";
    public const long MinSegmentBytes = 1024;
    public const long MaxSegmentBytesLimit = 1024L * 1024 * 1024;
    public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMinutes(1);

    /// <summary>Directory the segments are written to; it must exist and be writable. Null or empty: no file log.</summary>
    public string? Directory { get; set; }

    /// <summary>A segment is closed before a batch would take it past this size (a single longer line gets a segment of its own).</summary>
    public long MaxSegmentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>A segment open this long is closed, even when idle. Zero: no age limit.</summary>
    public TimeSpan MaxSegmentAge { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Longest time a line may wait in the process before it is written to the operating system (a <c>kill -9</c>
    /// loses at most this window). Zero: every batch is written at once.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.Zero;

    public bool Enabled => !string.IsNullOrWhiteSpace(Directory);

    /// <summary>Adds an error naming the key (<c>FileLog:…</c>) for each bad setting; probes the directory by creating and deleting a file.</summary>
    public void Validate(ICollection<string> errors)
    {
        const string s = Section;
        if (MaxSegmentBytes < MinSegmentBytes || MaxSegmentBytes > MaxSegmentBytesLimit)
        {
            errors.Add($"{s}:MaxSegmentBytes must be between {MinSegmentBytes} and {MaxSegmentBytesLimit} (got {MaxSegmentBytes})");
        }

        if (MaxSegmentAge < TimeSpan.Zero)
        {
            errors.Add($"{s}:MaxSegmentAge must not be negative (got {MaxSegmentAge})");
        }

        if (FlushInterval < TimeSpan.Zero || FlushInterval > MaxFlushInterval)
        {
            errors.Add($"{s}:FlushInterval must be between 00:00:00 and {MaxFlushInterval} (got {FlushInterval})");
        }

        if (Enabled && DirectoryProbe.Problem(Directory!) is { } problem)
        {
            errors.Add($"{s}:Directory '{Directory}' {problem}");
        }
    }
}
