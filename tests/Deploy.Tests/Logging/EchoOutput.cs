using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shipshape.Echo.Logging;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>What Echo really writes, produced by Echo's own code: access-log lines and segment file names.</summary>
internal static class EchoOutput
{
    /// <summary>The access-log line of a GET with the path and query (the shortest Echo writes: GET /).</summary>
    public static string AccessLine(string path = "/", string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Response.StatusCode = StatusCodes.Status200OK;
        var line = AccessLogLine.Create(context, Stopwatch.GetTimestamp(), new SensitiveKeyMask([]), failed: false);
        return Encoding.UTF8.GetString(line.Span);
    }

    /// <summary>The names of one segment while open and once closed, from Echo's segment writer in a scratch directory.</summary>
    public static (string Active, string Closed) SegmentNames()
    {
        var directory = Directory.CreateTempSubdirectory("echo-segments-");
        try
        {
            string active;
            using (var writer = new SegmentWriter(new FileLogOptions { Directory = directory.FullName }, LoggingExtensions.FileLogPrefix))
            {
                writer.Write(Encoding.UTF8.GetBytes(AccessLine()));
                active = Path.GetFileName(writer.ActivePath!);
            }

            return (active, Path.GetFileName(Assert.Single(Directory.GetFiles(directory.FullName))));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
