using System.Text;
using Shipshape.Echo.Logging;
using Shipshape.Echo.Tests.Support;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Tests.Logging;

public sealed class LogSinkTests
{
    [Fact]
    public async Task FullQueueMakesWritersWaitInsteadOfDropping()
    {
        var stdout = new StdoutCaptureStream();
        stdout.Open.Reset();
        var sink = new LogSink(stdout, bufferBytes: 4096);

        // Lines large enough that both buffers fill while the write to the blocked stdout waits.
        var padding = new string('x', 2000);
        var writes = Enumerable.Range(0, 200).Select(i => sink.WriteAsync(Line($"line {i} {padding}")).AsTask()).ToArray();
        await Task.Delay(200);
        var waiting = writes.Count(w => !w.IsCompleted);
        stdout.Open.Set();
        await Task.WhenAll(writes);
        sink.Dispose();

        Assert.True(waiting > 0, "with stdout blocked and the queue full, writers should wait");
        // Waiting writers are not promised an order among themselves, only a place in the output.
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"line {i} {padding}").Order(), stdout.Lines().Order());
        Assert.Equal(200, sink.LinesWritten);
        Assert.Equal(0, sink.LinesDropped);
    }

    [Fact]
    public async Task SynchronousWritersWaitForRoomToo()
    {
        var stdout = new StdoutCaptureStream();
        stdout.Open.Reset();
        var sink = new LogSink(stdout, bufferBytes: 4096);

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                sink.Write(Line($"sync {i} {new string('x', 1000)}"));
            }
        });
        Assert.NotSame(writer, await Task.WhenAny(writer, Task.Delay(200)));
        stdout.Open.Set();
        await writer;
        sink.Dispose();

        Assert.Equal(50, stdout.Lines().Length);
    }

    [Fact]
    public async Task DisposeWritesEveryQueuedLineBeforeReturning()
    {
        var stdout = new StdoutCaptureStream();
        var sink = new LogSink(stdout, bufferBytes: 64 * 1024);

        for (var i = 0; i < 20_000; i++)
        {
            await sink.WriteAsync(Line($"{{\"n\":{i}}}"));
        }

        sink.Dispose();

        Assert.Equal(20_000, stdout.Lines().Length);
        Assert.Equal(20_000, sink.LinesWritten);
    }

    [Fact]
    public async Task LinesAfterDisposeStillReachStdout()
    {
        var stdout = new StdoutCaptureStream();
        var sink = new LogSink(stdout, bufferBytes: 4096);
        sink.Dispose();

        await sink.WriteAsync(Line("late async"));
        sink.Write(Line("late sync"));

        Assert.Equal(["late async", "late sync"], stdout.Lines());
    }

    [Fact]
    public async Task FailingStdoutIsCountedAsDroppedLines()
    {
        var stdout = new StdoutCaptureStream { Broken = true };
        var sink = new LogSink(stdout, bufferBytes: 4096);

        for (var i = 0; i < 5; i++)
        {
            await sink.WriteAsync(Line("lost"));
        }

        sink.Dispose();

        Assert.Equal(5, sink.LinesDropped);
        Assert.Equal(0, sink.LinesWritten);
    }

    [Fact]
    public async Task LinesLongerThanTheBufferAreWrittenWhole()
    {
        var stdout = new StdoutCaptureStream();
        var sink = new LogSink(stdout, bufferBytes: 4096);
        var big = new string('x', 200_000);

        await sink.WriteAsync(Line("before"));
        await sink.WriteAsync(Line(big));
        await sink.WriteAsync(Line("after"));
        sink.Dispose();

        Assert.Equal(["before", big, "after"], stdout.Lines());
    }

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");
}
