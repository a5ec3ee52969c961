using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shipshape.Echo.Logging;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Tests.Support;

/// <summary>Echo in process, its stdout captured; extra settings go in as configuration keys.</summary>
public sealed class EchoFactory : WebApplicationFactory<Program>
{
    private readonly (string Key, string Value)[] _settings = [];

    public EchoFactory()
    {
    }

    private EchoFactory((string Key, string Value)[] settings) => _settings = settings;

    public StdoutCaptureStream Stdout { get; } = new();

    /// <summary>Echo with these configuration keys set on top of the defaults.</summary>
    public static EchoFactory With(params (string Key, string Value)[] settings) => new(settings);

    /// <summary>
    /// Sends a GET with the query string exactly as given: HttpClient would re-escape a malformed one
    /// (it turns "%zz" into "%25zz"), so this goes to the server without it.
    /// </summary>
    public async Task<RawResponse> GetRawAsync(string path, string rawQuery)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Request.QueryString = new QueryString(rawQuery);
        });
        using var reader = new StreamReader(context.Response.Body);
        return new RawResponse(context.Response.StatusCode, context.Response.ContentType, await reader.ReadToEndAsync());
    }

    /// <summary>The access-log lines (those with a status) parsed as JSON, once <paramref name="count"/> have arrived.</summary>
    public async Task<JsonElement[]> AccessLinesAsync(int count)
    {
        var lines = await Stdout.WaitForLinesAsync(all => AccessLog.Lines(all).Length >= count);
        return AccessLog.Lines(lines);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // No drain delay in process: nothing balances load here, and every test would wait for it.
        builder.UseSetting("Echo:Shutdown:DrainDelay", "00:00:00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton(_ => new LogSink(Stdout, 1024)));
    }
}

public sealed record RawResponse(int Status, string? ContentType, string Body)
{
    public JsonElement Problem()
    {
        Assert.Equal("application/problem+json", ContentType);
        return JsonDocument.Parse(Body).RootElement.Clone();
    }
}
