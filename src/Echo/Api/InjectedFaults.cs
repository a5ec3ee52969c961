using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Shipshape.Echo.Hosting;

namespace Shipshape.Echo.Api;

/// <summary>
/// Decides which /api requests get an injected 500 (<c>Echo:Faults:ErrorRatio</c>). Deterministic: request n fails when
/// floor(n × ratio) grows, so exactly ratio × N of N requests fail, evenly spread.
/// </summary>
public sealed partial class InjectedFaults(IOptions<EchoOptions> options)
{
    private readonly double _ratio = options.Value.Faults.ErrorRatio;
    private long _requests;

    public bool NextFails()
    {
        var n = Interlocked.Increment(ref _requests);
        return Math.Floor(n * _ratio) > Math.Floor((n - 1) * _ratio);
    }

    public static ProblemHttpResult Problem() => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError,
        title: "Injected fault",
        detail: "Echo:Faults:ErrorRatio is set: this answer is a deliberate fault for a drill or a test, not a bug.");

    /// <summary>Says at start that faults are on, so that nobody mistakes them for a real outage.</summary>
    public static void WarnIfEnabled(WebApplication app)
    {
        var faults = app.Services.GetRequiredService<IOptions<EchoOptions>>().Value.Faults;
        if (faults.Enabled)
        {
            LogFaultsOn(app.Logger, faults.ErrorRatio * 100);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injection on: answering {Percent} % of /api requests with 500 (Echo:Faults:ErrorRatio)")]
    private static partial void LogFaultsOn(ILogger logger, double percent);
}
