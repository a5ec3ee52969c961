using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Shipshape.Admission.Tests.Support;

namespace Shipshape.Image.Tests.Support;

/// <summary>How the tests run each service's image: on 127.0.0.1 with a port the OS picks, without a pod's drain delay.</summary>
public static class Launch
{
    /// <summary>Where the admission chart mounts the TLS Secret, and the settings that point the server at it.</summary>
    public const string TlsDirectory = "/etc/shipshape/tls";

    public static Task<RunningContainer> EchoAsync(ServiceImages echo, string target) =>
        RunningContainer.StartAsync(echo.Buildah, echo.Image(target), Settings(
            ("ASPNETCORE_URLS", "http://127.0.0.1:0"),
            ("Echo__Shutdown__DrainDelay", "00:00:00")));

    /// <summary>
    /// The webhook as deploy/charts/admission runs it: a serving certificate and key (PEM) in a read-only directory
    /// mounted at /etc/shipshape/tls, readable by user and group 10001 only (the chart: mode 0440, fsGroup 10001).
    /// They are signed by a throwaway authority that the client, and nothing else, trusts.
    /// </summary>
    public static async Task<RunningContainer> AdmissionAsync(ServiceImages admission, string target = "jit")
    {
        var pki = new TestPki();
        try
        {
            pki.IssueServing("admission-image-test");
            await Command.RunCheckedAsync("chmod", ["0440", pki.CertificatePath, pki.KeyPath], TimeSpan.FromSeconds(10));
            await Command.RunCheckedAsync("chown", ["-R", "10001:10001", pki.Directory], TimeSpan.FromSeconds(10));
            var handler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is X509Certificate2 c && pki.Trusts(c, errors) },
            };
            return await RunningContainer.StartAsync(admission.Buildah, admission.Image(target),
                [
                    "--volume", $"{pki.Directory}:{TlsDirectory}:ro",
                    .. Settings(
                        ("ASPNETCORE_URLS", "https://127.0.0.1:0"),
                        ("Tls__CertificatePath", $"{TlsDirectory}/tls.crt"),
                        ("Tls__KeyPath", $"{TlsDirectory}/tls.key"),
                        ("Admission__Shutdown__DrainDelay", "00:00:00")),
                ],
                handler, owned: pki);
        }
        catch
        {
            pki.Dispose();
            throw;
        }
    }

    /// <summary>Where the archiver finds the closed segments: in a pod, the volume it shares with Echo (deploy/logging).</summary>
    public const string ArchiveDirectory = "/var/log/echo";

    /// <summary>
    /// The archiver with <paramref name="volume"/> mounted as its segment directory, archiving to bucket "logs" of a store
    /// that refuses connections (see <see cref="LogArchiverOptions"/>).
    /// </summary>
    public static Task<RunningContainer> LogArchiverAsync(ServiceImages archiver, ArchiveVolume volume, string target = "jit") =>
        RunningContainer.StartAsync(archiver.Buildah, archiver.Image(target), LogArchiverOptions(volume, ("Archive__Bucket", "logs")));

    /// <summary>
    /// `buildah run` options for the archiver: <paramref name="volume"/> mounted read-write at <see cref="ArchiveDirectory"/>,
    /// S3:ServiceUrl a port of 127.0.0.1 nobody listens on (static credentials, so every attempt fails on the connection),
    /// a short shutdown budget, and <paramref name="settings"/>. No Archive:Bucket unless given.
    /// </summary>
    public static string[] LogArchiverOptions(ArchiveVolume volume, params (string Name, string Value)[] settings) =>
        [
            "--volume", $"{volume.Path}:{ArchiveDirectory}",
            .. Settings(
                [
                    ("ASPNETCORE_URLS", "http://127.0.0.1:0"),
                    ("Archive__Directory", ArchiveDirectory),
                    ("S3__ServiceUrl", $"http://127.0.0.1:{ClosedPort()}"),
                    ("AWS_ACCESS_KEY_ID", "image-test"),
                    ("AWS_SECRET_ACCESS_KEY", "image-test"),
                    ("Archive__Shutdown__Timeout", "00:00:03"),
                    .. settings,
                ]),
        ];

    /// <summary>A port of 127.0.0.1 that was free a moment ago: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string[] Settings(params (string Name, string Value)[] environment) =>
        [.. environment.SelectMany(e => new[] { "-e", $"{e.Name}={e.Value}" })];
}
