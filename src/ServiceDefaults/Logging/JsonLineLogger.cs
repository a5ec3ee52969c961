using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace Shipshape.ServiceDefaults.Logging;

/// <summary>Writes the framework's own log messages as JSON lines through the same sink as the access log.</summary>
public sealed class JsonLineLogger(string category, LogSink sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var writer = LogLineBuilder.Start();
        writer.WriteStartObject();
        writer.WriteString("timestamp"u8, DateTime.UtcNow);
        writer.WriteString("level"u8, LevelName(logLevel));
        writer.WriteString("message"u8, formatter(state, exception));
        writer.WriteString("category"u8, category);
        if (eventId.Id != 0)
        {
            writer.WriteNumber("eventId"u8, eventId.Id);
        }

        if (exception is not null)
        {
            writer.WriteString("exception"u8, exception.ToString());
        }

        writer.WriteEndObject();
        sink.Write(LogLineBuilder.Finish(writer).Span);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        _ => "Critical",
    };
}
