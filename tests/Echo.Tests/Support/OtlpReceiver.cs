using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shipshape.Echo.Tests.Support;

/// <summary>
/// A stand-in for the Aspire dashboard's OTLP/HTTP endpoint on 127.0.0.1: answers every POST /v1/{traces,logs,metrics}
/// with 200 and keeps its protobuf body. Protobuf keeps strings as plain UTF-8, so a body can be searched for a path.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue((signal, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
    }

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return receiver;
    }

    /// <summary>The bodies received so far for <paramref name="signal"/> ("traces", "logs", "metrics").</summary>
    public byte[][] Exports(string signal) => [.. _exports.Where(e => e.Signal == signal).Select(e => e.Body)];

    /// <summary>Waits, at most <paramref name="timeout"/>, for an export of <paramref name="signal"/> whose body contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForAsync(string signal, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Exports(signal).Any(body => Contains(body, text)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    public static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
