using System.Globalization;
using System.Text;
using Shipshape.Echo.Tests.Support;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Tests.Logging;

public sealed class SegmentWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("segments-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LinesStayInOrderAndWholeAcrossManyRotations()
    {
        var random = new Random(4);
        var lines = Enumerable.Range(0, 5000).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('x', random.Next(0, 200))}\"}}\n").ToArray();
        using (var writer = new SegmentWriter(Options(maxSegmentBytes: 1024), "echo"))
        {
            for (var i = 0; i < lines.Length;)
            {
                var count = Math.Min(random.Next(1, 20), lines.Length - i);
                writer.Write(Encoding.UTF8.GetBytes(string.Concat(lines.AsSpan(i, count).ToArray())));
                i += count;
            }

            Assert.True(writer.SegmentsClosed > 100, $"expected many rotations, got {writer.SegmentsClosed}");
        }

        var segments = ClosedSegments();
        Assert.Equal(string.Concat(lines), string.Concat(segments.Select(File.ReadAllText)));
        Assert.All(segments, s =>
        {
            var text = File.ReadAllText(s);
            Assert.EndsWith("\n", text, StringComparison.Ordinal); // no line split across segments
            Assert.True(new FileInfo(s).Length <= 1024, $"{s} is {new FileInfo(s).Length} bytes");
        });
        Assert.Empty(Directory.GetFiles(_directory, "*.active"));
    }

    [Fact]
    public void NamesSortByTimeAndAreUniqueEvenWithinOneMillisecondOrWhenTheClockStepsBack()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var order = new List<string>();
        using (var writer = new SegmentWriter(Options(maxSegmentBytes: 1024), "echo", time))
        {
            for (var i = 0; i < 30; i++)
            {
                // Same millisecond several times, forward, and once a step back.
                time.Now += i switch { 10 => TimeSpan.FromSeconds(-30), _ when i % 3 == 0 => TimeSpan.FromMilliseconds(7), _ => TimeSpan.Zero };
                writer.Write(Line($"segment {i} {new string('y', 1000)}"));
                order.Add(File.ReadAllText(writer.ActivePath!));
            }
        }

        var segments = ClosedSegments();
        Assert.Equal(30, segments.Length);
        Assert.Equal(order, segments.Select(File.ReadAllText)); // name order is write order
        Assert.Equal(30, segments.Distinct().Count());
        var starts = segments.Select(s => DateTime.ParseExact(Path.GetFileName(s).Split('-')[1], "yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(starts.Order(), starts);
        Assert.All(segments, s => Assert.Matches($@"^echo-\d{{8}}T\d{{9}}Z-{Environment.ProcessId}-\d{{10}}\.log$", Path.GetFileName(s)));
    }

    [Fact]
    public void TheActiveSegmentIsNeverRenamedWhileOpen()
    {
        using var writer = new SegmentWriter(Options(maxSegmentBytes: 1024), "echo");
        writer.Write(Line("first"));
        var active = writer.ActivePath!;
        Assert.EndsWith(".log.active", active, StringComparison.Ordinal);

        for (var i = 0; i < 10; i++)
        {
            writer.Write(Line($"more {i}"));
            Assert.Equal(active, writer.ActivePath);
            Assert.True(File.Exists(active));
            Assert.Empty(ClosedSegments());
        }

        writer.Write(Line(new string('z', 1000))); // does not fit: the segment is closed, then the line goes to a new one
        Assert.False(File.Exists(active));
        var closed = Assert.Single(ClosedSegments());
        Assert.Equal(SegmentWriter.ClosedPath(active), closed);
        Assert.StartsWith("first\n", File.ReadAllText(closed), StringComparison.Ordinal);
        Assert.NotEqual(active, writer.ActivePath);
    }

    [Fact]
    public void ALeftoverActiveSegmentFromACrashIsClosedAsItIsOnStartNeverAppendedTo()
    {
        var leftover = Path.Combine(_directory, "echo-20260101T000000000Z-99999-0000000003.log.active");
        File.WriteAllText(leftover, "before the crash\n");
        var empty = Path.Combine(_directory, "echo-20260101T000000001Z-99999-0000000004.log.active");
        File.WriteAllText(empty, "");
        var other = Path.Combine(_directory, "other-20260101T000000000Z-1-0000000000.log.active");
        File.WriteAllText(other, "another service's\n");
        foreach (var file in new[] { leftover, empty, other })
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - OrphanedSegments.MinIdle - TimeSpan.FromSeconds(1));
        }

        using (var writer = new SegmentWriter(Options(), "echo"))
        {
            Assert.Equal(1, writer.SegmentsRecovered);
            Assert.False(File.Exists(leftover));
            Assert.False(File.Exists(empty));
            Assert.Equal("before the crash\n", File.ReadAllText(SegmentWriter.ClosedPath(leftover)));
            writer.Write(Line("after the restart"));
        }

        var segments = ClosedSegments();
        Assert.Equal(2, segments.Length);
        Assert.Equal(SegmentWriter.ClosedPath(leftover), segments[0]); // older, so first in name order
        Assert.Equal("before the crash\n", File.ReadAllText(segments[0]));
        Assert.Equal("after the restart\n", File.ReadAllText(segments[1]));
        Assert.True(File.Exists(other)); // only our own prefix is touched
    }

    [Fact]
    public void ASecondWriterStartingInTheSameDirectoryLeavesTheFirstWritersOpenSegmentAlone()
    {
        using var first = new SegmentWriter(Options(), "echo");
        first.Write(Line("first writer"));
        var open = first.ActivePath!;
        File.SetLastWriteTimeUtc(open, DateTime.UtcNow - OrphanedSegments.MinIdle - TimeSpan.FromSeconds(1));
        var justCreated = Path.Combine(_directory, "echo-20260101T000000000Z-99999-0000000001.log.active");
        File.WriteAllText(justCreated, "a writer that has not locked its file yet\n");

        using (var second = new SegmentWriter(Options(), "echo"))
        {
            Assert.Equal(0, second.SegmentsRecovered);
            second.Write(Line("second writer"));
        }

        // The first writer's file is locked and the unlocked one too young to be a dead writer's: both stay open.
        Assert.True(File.Exists(open));
        Assert.True(File.Exists(justCreated));
        first.Write(Line("still the first"));
        first.Dispose();
        Assert.Equal("first writer\nstill the first\n", File.ReadAllText(SegmentWriter.ClosedPath(open)));
    }

    [Fact]
    public void WithAZeroFlushIntervalABatchIsVisibleToAnotherReaderAsSoonAsWriteReturns()
    {
        using var writer = new SegmentWriter(Options(), "echo");
        writer.Write(Line("one").Concat(Line("two")).ToArray());

        Assert.Equal("one\ntwo\n", ReadShared(writer.ActivePath!));
        writer.Write(Line("three"));
        Assert.Equal("one\ntwo\nthree\n", ReadShared(writer.ActivePath!));
        Assert.Null(writer.TimeUntilDue());
    }

    [Fact]
    public void WithAFlushIntervalLinesWaitAtMostThatLong()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddYears(56));
        using var writer = new SegmentWriter(Options(flushInterval: TimeSpan.FromSeconds(1)), "echo", time);
        writer.Write(Line("buffered"));
        Assert.Equal("", ReadShared(writer.ActivePath!));
        Assert.Equal(TimeSpan.FromSeconds(1), writer.TimeUntilDue());

        time.Now += TimeSpan.FromMilliseconds(500);
        writer.Tick();
        Assert.Equal("", ReadShared(writer.ActivePath!));

        time.Now += TimeSpan.FromMilliseconds(500);
        writer.Tick();
        Assert.Equal("buffered\n", ReadShared(writer.ActivePath!));
        Assert.Null(writer.TimeUntilDue());
    }

    [Fact]
    public void AnOldSegmentIsClosedByAgeEvenWhenIdle()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddYears(56));
        using var writer = new SegmentWriter(Options(maxSegmentAge: TimeSpan.FromMinutes(1)), "echo", time);
        writer.Write(Line("old"));
        Assert.Equal(TimeSpan.FromMinutes(1), writer.TimeUntilDue());

        time.Now += TimeSpan.FromMinutes(1);
        writer.Tick();

        Assert.Null(writer.ActivePath);
        Assert.Equal("old\n", File.ReadAllText(Assert.Single(ClosedSegments())));
    }

    [Fact]
    public void ALineLongerThanASegmentGetsOneOfItsOwn()
    {
        var big = new string('b', 5000);
        using (var writer = new SegmentWriter(Options(maxSegmentBytes: 1024), "echo"))
        {
            writer.Write(Line("before").Concat(Line(big)).Concat(Line("after")).ToArray());
        }

        Assert.Equal(["before\n", big + "\n", "after\n"], ClosedSegments().Select(File.ReadAllText));
    }

    [Fact]
    public async Task TheSinkWritesTheSameLinesToStdoutAndToTheSegmentsAndClosesTheLastOnDispose()
    {
        var stdout = new StdoutCaptureStream();
        var writer = new SegmentWriter(Options(maxSegmentBytes: 4096), "echo");
        var sink = new LogSink(stdout, bufferBytes: 8192, writer);
        for (var i = 0; i < 3000; i++)
        {
            await sink.WriteAsync(Line($"{{\"n\":{i}}}"));
        }

        sink.Dispose();
        sink.Write(Line("late"));

        var file = string.Concat(ClosedSegments().Select(File.ReadAllText)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(stdout.Lines(), file);
        Assert.Equal(3001, file.Length);
        Assert.Empty(Directory.GetFiles(_directory, "*.active"));
        Assert.Equal(0, sink.FileLinesDropped);
    }

    [Fact]
    public async Task TheSinkFlushesBufferedFileLinesWhenTheIntervalIsUpWithoutNewLines()
    {
        var writer = new SegmentWriter(Options(flushInterval: TimeSpan.FromMilliseconds(100)), "echo");
        using var sink = new LogSink(new StdoutCaptureStream(), bufferBytes: 4096, writer);
        await sink.WriteAsync(Line("idle"));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (writer.ActivePath is not { } active || ReadShared(active) != "idle\n")
        {
            Assert.True(DateTime.UtcNow < deadline, "the buffered line was not written within 5 s");
            await Task.Delay(20);
        }
    }

    private FileLogOptions Options(long maxSegmentBytes = 16 * 1024 * 1024, TimeSpan flushInterval = default, TimeSpan maxSegmentAge = default) =>
        new() { Directory = _directory, MaxSegmentBytes = maxSegmentBytes, FlushInterval = flushInterval, MaxSegmentAge = maxSegmentAge };

    private string[] ClosedSegments() => [.. Directory.GetFiles(_directory, "echo-*.log").Order(StringComparer.Ordinal)];

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
