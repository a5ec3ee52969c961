using System.Collections.Concurrent;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>The closed segments waiting in the directory, as last seen: counted for the metrics, oldest first for the queue.</summary>
public sealed class Backlog
{
    private readonly string _directory;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Segment> _waiting = new(StringComparer.Ordinal);

    public Backlog(string directory, TimeProvider? time = null)
    {
        _directory = directory;
        _time = time ?? TimeProvider.System;
    }

    public int Segments => _waiting.Count;

    public long Bytes => _waiting.Values.Sum(s => s.Bytes);

    /// <summary>Seconds since the oldest waiting segment was started; 0 when none waits.</summary>
    public double OldestAgeSeconds =>
        _waiting.IsEmpty ? 0 : Math.Max(0, (_time.GetUtcNow() - _waiting.Values.Min(s => s.Started)).TotalSeconds);

    /// <summary>Lists the directory again; closed segments only (an open one ends in <c>.active</c>), oldest name first.</summary>
    public IReadOnlyList<Segment> Scan()
    {
        var segments = new DirectoryInfo(_directory).EnumerateFiles(Segment.ClosedPattern, new EnumerationOptions { MatchType = MatchType.Simple })
            .Select(Segment.FromFile)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var gone in _waiting.Keys.Except(segments.Select(s => s.Name)).ToList())
        {
            _waiting.TryRemove(gone, out _);
        }

        foreach (var segment in segments)
        {
            _waiting[segment.Name] = segment;
        }

        return segments;
    }

    /// <summary>
    /// Closes open segments whose writer died (a <c>kill -9</c>, a crash-looping container) so that they are archived
    /// even if no writer starts again; segments of live writers are left alone. Returns how many were closed.
    /// </summary>
    public int CloseOrphans() => OrphanedSegments.Close(_directory, time: _time);

    /// <summary>Segments still open (<c>.active</c>): on shutdown the archiver waits for them to close, within its budget.</summary>
    public bool AnyOpen() => OrphanedSegments.Find(_directory, time: _time).Any();

    public void Archived(Segment segment) => _waiting.TryRemove(segment.Name, out _);
}
