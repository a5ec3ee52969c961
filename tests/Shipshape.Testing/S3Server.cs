using System.Diagnostics;
using Amazon.S3;

namespace Shipshape.Testing;

/// <summary>
/// The local S3-compatible server (scripts/s3/s3-server.mjs, s3rver) on 127.0.0.1, storing into a temp folder.
/// It can be stopped and started again on the same port and folder to play an outage. Stopped and deleted on dispose.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private const string ListeningPrefix = "S3 server listening on ";

    private readonly string _directory = Directory.CreateTempSubdirectory("s3-server-").FullName;
    private readonly string[] _buckets;
    private Process? _process;

    private S3Server(string[] buckets) => _buckets = buckets;

    public Uri Url { get; private set; } = null!;

    public bool Running => _process is { HasExited: false };

    private S3Store Store => new(Url);

    /// <summary>Environment for a client of this server: the endpoint (S3:ServiceUrl) and its credentials.</summary>
    public Dictionary<string, string> ClientEnvironment => new()
    {
        ["S3__ServiceUrl"] = Url.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = "us-east-1",
    };

    public static async Task<S3Server> StartAsync(params string[] buckets)
    {
        var server = new S3Server(buckets.Length > 0 ? buckets : ["logs"]);
        await server.StartAsync(port: 0);
        return server;
    }

    /// <summary>
    /// Stops the server; stored objects stay in its folder. SIGTERM first, so that an object being stored is finished
    /// (s3rver writes an object and its metadata as separate files; a kill between them could leave a torn entry).
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                try
                {
                    Signals.Send(process.Id, Signals.SigTerm);
                }
                catch (InvalidOperationException) when (process.HasExited)
                {
                    // It stopped on its own meanwhile.
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts it again on the same port and folder.</summary>
    public Task RestartAsync() => StartAsync(Url.Port);

    /// <summary>A client as the archiver would use it with an S3-compatible store (path-style, plain signed bodies).</summary>
    public AmazonS3Client CreateClient() => Store.CreateClient();

    /// <summary>Every key in <paramref name="bucket"/>, in key order.</summary>
    public Task<List<string>> ListKeysAsync(string bucket = "logs") => Store.ListKeysAsync(bucket);

    /// <summary>The lines of a gzipped object.</summary>
    public Task<string[]> ReadGzipLinesAsync(string key, string bucket = "logs") => Store.ReadGzipLinesAsync(key, bucket);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartAsync(int port)
    {
        // DES for s3rver's continuation tokens (paged listings) lives in OpenSSL 3's legacy provider.
        var arguments = new List<string> { "--openssl-legacy-provider", Repository.Path("scripts", "s3", "s3-server.mjs"), "--directory", _directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var bucket in _buckets)
        {
            arguments.AddRange(["--bucket", bucket]);
        }

        var start = new ProcessStartInfo("node", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        _process = process;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null || !line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            await StopAsync();
            throw new InvalidOperationException($"the S3 server did not start: {line} {await stderr}");
        }

        Url = new Uri(line[ListeningPrefix.Length..]);
        _ = process.StandardOutput.ReadToEndAsync();
    }
}
