using System.Diagnostics.Metrics;
using Shipshape.Echo.Logging;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Metrics;

/// <summary>Counts of the log sink, read when scraped: lines written, lines dropped (must stay 0), bytes waiting, and with a file log segments closed.</summary>
public sealed class LogMetrics
{
    public const string MeterName = "Shipshape.Echo";

    public LogMetrics(IMeterFactory meterFactory, LogSink sink)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("echo.log.lines.written", () => sink.LinesWritten, unit: "{line}",
            description: "Log lines written to stdout.");
        meter.CreateObservableCounter("echo.log.lines.dropped", () => sink.LinesDropped, unit: "{line}",
            description: "Log lines accepted but not written because stdout failed; stays 0 while stdout works.");
        meter.CreateObservableUpDownCounter("echo.log.buffered", () => sink.BufferedBytes, unit: "By",
            description: "Bytes of log lines waiting to be written.");
        if (sink.File is { } file)
        {
            meter.CreateObservableCounter("echo.log.segments.closed", () => file.SegmentsClosed, unit: "{segment}",
                description: "Log segment files closed (renamed from .active to .log), ready to be archived.");
            meter.CreateObservableCounter("echo.log.file.lines.dropped", () => sink.FileLinesDropped, unit: "{line}",
                description: "Log lines missing from the segment files because writing them failed; stays 0 while the disk works.");
        }
    }
}
