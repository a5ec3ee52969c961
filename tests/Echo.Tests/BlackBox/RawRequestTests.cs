using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.BlackBox;

/// <summary>Requests written byte by byte on a socket, as no well-behaved client would send them, through real Kestrel.</summary>
public sealed class RawRequestTests
{
    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task MalformedAndOversizedQueriesGetProblemsNeverA500(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build));

        var malformed = await SendAsync(echo, "GET /api?q=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"u8.ToArray());
        var invalidUtf8 = await SendAsync(echo, "GET /api?q=%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"u8.ToArray());
        var tooLong = await SendAsync(echo, Encoding.ASCII.GetBytes($"GET /api?q={new string('x', 9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        var rawBytes = await SendAsync(echo, [.. "GET /api?q="u8.ToArray(), 0xFF, 0xFE, .. " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"u8.ToArray()]);

        AssertProblem(malformed, 400, "Malformed percent-encoding");
        AssertProblem(invalidUtf8, 400, "Invalid UTF-8 in query string");
        AssertProblem(tooLong, 414, "Query string too long");
        Assert.StartsWith("HTTP/1.1 400", rawBytes, StringComparison.Ordinal);
    }

    private static void AssertProblem(string response, int status, string title)
    {
        Assert.StartsWith($"HTTP/1.1 {status}", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Equal(title, JsonDocument.Parse(Dechunk(body)).RootElement.GetProperty("title").GetString());
    }

    private static string Dechunk(string body)
    {
        if (body.StartsWith('{'))
        {
            return body;
        }

        var result = new StringBuilder();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(body[..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }

    private static async Task<string> SendAsync(EchoProcess echo, byte[] request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(echo.BaseAddress.Host, echo.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }
}
