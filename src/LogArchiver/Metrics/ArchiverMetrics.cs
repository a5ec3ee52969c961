using System.Diagnostics.Metrics;
using Shipshape.LogArchiver.Archiving;

namespace Shipshape.LogArchiver.Metrics;

/// <summary>
/// The archiver's instruments (Prometheus names in brackets): backlog [archiver_backlog_segments, archiver_backlog_bytes,
/// archiver_backlog_oldest_age_seconds], uploads by result [archiver_uploads_total{result=uploaded|already_present}],
/// retries [archiver_upload_retries_total], failures by reason [archiver_upload_failures_total], log bytes read and
/// compressed bytes uploaded [archiver_read_bytes_total, archiver_uploaded_bytes_total], lines archived
/// [archiver_lines_total], uploads in progress and the time each segment took [archiver_upload_duration_seconds].
/// </summary>
public sealed class ArchiverMetrics : IDisposable
{
    public const string MeterName = "Shipshape.LogArchiver";
    public const string DurationHistogram = "archiver.upload.duration";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _uploads;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _read;
    private readonly Counter<long> _uploaded;
    private readonly Counter<long> _lines;
    private readonly Histogram<double> _duration;
    private long _inFlight;

    public ArchiverMetrics(Backlog backlog)
    {
        _meter.CreateObservableGauge("archiver.backlog.segments", () => backlog.Segments, "{segment}", "Closed segments waiting to be archived");
        _meter.CreateObservableGauge("archiver.backlog", () => backlog.Bytes, "By", "Bytes of closed segments waiting to be archived");
        _meter.CreateObservableGauge("archiver.backlog.oldest.age", () => backlog.OldestAgeSeconds, "s", "Age of the oldest waiting segment (since it was started)");
        _meter.CreateObservableUpDownCounter("archiver.uploads.in_flight", () => Interlocked.Read(ref _inFlight), "{segment}", "Segments being archived now");
        _uploads = _meter.CreateCounter<long>("archiver.uploads", "{segment}", "Segments archived and deleted, by result (uploaded, already_present)");
        _retries = _meter.CreateCounter<long>("archiver.upload.retries", "{attempt}", "Attempts on a segment after an earlier attempt failed");
        _failures = _meter.CreateCounter<long>("archiver.upload.failures", "{attempt}", "Failed attempts, by reason; the segment stays on disk and is retried");
        _read = _meter.CreateCounter<long>("archiver.read", "By", "Log bytes read from archived segments");
        _uploaded = _meter.CreateCounter<long>("archiver.uploaded", "By", "Compressed bytes uploaded");
        _lines = _meter.CreateCounter<long>("archiver.lines", "{line}", "Log lines in archived segments");
        _duration = _meter.CreateHistogram<double>(DurationHistogram, "s", "Time to archive one segment (compress, upload, verify, delete), by result");
        foreach (var reason in ArchiveFailure.Reasons)
        {
            _failures.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Archived(ArchivedSegment segment, double seconds)
    {
        Interlocked.Decrement(ref _inFlight);
        var result = segment.AlreadyPresent ? "already_present" : "uploaded";
        _uploads.Add(1, new KeyValuePair<string, object?>("result", result));
        _read.Add(segment.BytesIn);
        _uploaded.Add(segment.BytesOut);
        _lines.Add(segment.Lines);
        _duration.Record(seconds, new KeyValuePair<string, object?>("result", result));
    }

    public void Failed(ArchiveFailure failure, double seconds)
    {
        Interlocked.Decrement(ref _inFlight);
        _failures.Add(1, new KeyValuePair<string, object?>("reason", failure.Reason));
        _duration.Record(seconds, new KeyValuePair<string, object?>("result", "failed"));
    }

    /// <summary>An attempt that was cut short by shutdown or by another upload's store failure: neither success nor failure.</summary>
    public void Abandoned() => Interlocked.Decrement(ref _inFlight);

    public void Retried() => _retries.Add(1);

    public void Dispose() => _meter.Dispose();
}
