using Microsoft.Extensions.Logging;
namespace Shipshape.ServiceDefaults.Logging;

[ProviderAlias("Json")]
public sealed class JsonLineLoggerProvider(LogSink sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(categoryName, sink);

    public void Dispose()
    {
        // The sink outlives the logger factory; the container disposes it last.
    }
}
