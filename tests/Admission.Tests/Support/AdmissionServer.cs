using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Shipshape.Admission.Tests.Support;

/// <summary>
/// The webhook's build output running as a real process on https://127.0.0.1 (a port the OS picks) with a
/// certificate from <see cref="TestPki"/>; clients trust only that test authority. Killed on dispose.
/// </summary>
public sealed class AdmissionServer : IAsyncDisposable
{
    private readonly TestPki _pki;
    private readonly bool _ownsPki;

    private AdmissionServer(ServiceProcess process, TestPki pki, bool ownsPki)
    {
        Process = process;
        _pki = pki;
        _ownsPki = ownsPki;
        Client = process.CreateClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 16,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is X509Certificate2 c && pki.Trusts(c, errors) },
        });
    }

    public ServiceProcess Process { get; }

    public HttpClient Client { get; }

    public static string DllPath { get; } = FindBuild();

    /// <summary>Starts the webhook with a fresh certificate (or the given authority's current files) and extra settings.</summary>
    public static async Task<AdmissionServer> StartAsync(IDictionary<string, string>? settings = null, TestPki? pki = null)
    {
        var ownsPki = pki is null;
        pki ??= new TestPki();
        if (!File.Exists(pki.CertificatePath))
        {
            pki.IssueServing("admission-test");
        }
        var process = await ServiceProcess.StartAsync(["dotnet", DllPath], Environment(pki, settings));
        return new AdmissionServer(process, pki, ownsPki);
    }

    /// <summary>The settings a test run uses: https on a free port, the PEM files, a short drain and a fast reload.</summary>
    public static Dictionary<string, string> Environment(TestPki pki, IDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "https://127.0.0.1:0",
            ["Tls__CertificatePath"] = pki.CertificatePath,
            ["Tls__KeyPath"] = pki.KeyPath,
            ["Tls__ReloadInterval"] = "00:00:00.100",
            ["Admission__Shutdown__DrainDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return environment;
    }

    public async Task<(int Status, string Body, string? ContentType)> PostAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(content);
    }

    public async Task<(int Status, string Body, string? ContentType)> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await SendAsync(content);
    }

    /// <summary>Posts a review that must be judged: 200 and a response; returns the response object.</summary>
    public async Task<JsonElement> ReviewAsync(string review)
    {
        var (status, body, _) = await PostAsync(review);
        Assert.True(status == 200, $"expected 200, got {status}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("response").Clone();
    }

    /// <summary>The certificate a brand-new TLS connection is served.</summary>
    public async Task<X509Certificate2> HandshakeAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Process.BaseAddress.Host, Process.BaseAddress.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => certificate is X509Certificate2 c && _pki.Trusts(c, errors));
        await tls.AuthenticateAsClientAsync("localhost");
        return new X509Certificate2(tls.RemoteCertificate!);
    }

    public async Task<string> MetricsAsync() => await Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
        if (_ownsPki)
        {
            _pki.Dispose();
        }
    }

    private async Task<(int, string, string?)> SendAsync(HttpContent content)
    {
        using var response = await Client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    // The project reference builds the webhook in the same configuration as these tests, beside its sources.
    private static string FindBuild()
    {
        var configuration = typeof(AdmissionServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Repository.Path("src", "Admission", "bin", configuration, "net10.0", "Shipshape.Admission.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Admission first");
    }
}
