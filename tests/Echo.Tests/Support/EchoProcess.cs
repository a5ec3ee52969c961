using System.Diagnostics;
using System.Text.Json;
using Shipshape.Testing;

namespace Shipshape.Echo.Tests.Support;

/// <summary>A published Echo running as a real process on 127.0.0.1 with a port the OS picks.</summary>
public sealed class EchoProcess : ServiceProcess
{
    private EchoProcess(ProcessStartInfo start) : base(start)
    {
    }

    /// <summary>The access-log lines (those with a status), parsed.</summary>
    public JsonElement[] AccessLines => AccessLog.Lines(Lines);

    /// <summary>Starts the build; waits until it listens unless told not to (for runs expected to fail).</summary>
    public static async Task<EchoProcess> StartAsync(
        EchoBuild build, IDictionary<string, string>? environment = null, string urls = "http://127.0.0.1:0",
        bool waitUntilListening = true, string[]? wrapper = null)
    {
        var command = (wrapper ?? []).Concat([build.FileName]).Concat(build.Arguments).Concat(["--urls", urls]).ToArray();
        var settings = new Dictionary<string, string> { ["Echo__Shutdown__DrainDelay"] = "00:00:00.200" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var echo = new EchoProcess(StartInfo(command, settings));
        if (waitUntilListening)
        {
            await echo.WaitUntilListeningAsync();
        }

        return echo;
    }
}
