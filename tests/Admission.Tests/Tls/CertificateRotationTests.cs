using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Shipshape.Admission.Tests.Support;

namespace Shipshape.Admission.Tests.Tls;

/// <summary>cert-manager rewrites tls.crt and tls.key in place; new connections must get the new pair without a restart.</summary>
public sealed class CertificateRotationTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestPki _pki = new();

    [Fact]
    public async Task RenewedCertificateIsServedToNewConnectionsWithoutRestart()
    {
        var first = _pki.IssueServing("admission-first");
        await using var server = await AdmissionServer.StartAsync(pki: _pki);
        Assert.Equal(first.Thumbprint, (await server.HandshakeAsync()).Thumbprint);
        var pid = server.Process.ProcessId;

        var renewed = _pki.IssueServing("admission-renewed");

        Assert.True(await ServedWithinAsync(server, renewed), $"new connections still get {first.Subject} after {Patience}");
        Assert.Equal(pid, server.Process.ProcessId);
        Assert.False(server.Process.HasExited);
        var response = await server.ReviewAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container())));
        Assert.True(response.GetProperty("allowed").GetBoolean());
        Assert.Contains("admission_tls_certificate_reloads_total", await server.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HalfWrittenPairKeepsTheOldCertificateUntilTheKeyArrives()
    {
        var first = _pki.IssueServing("admission-first");
        await using var server = await AdmissionServer.StartAsync(pki: _pki);
        var renewed = _pki.IssueServing("admission-renewed", write: false);
        var renewedKey = renewed.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

        // The certificate lands first; its key is not there yet: the old pair must still be served, never an error.
        TestPki.WriteAtomically(_pki.CertificatePath, renewed.ExportCertificatePem());
        await WaitForReloadAttemptsAsync(server);
        Assert.Equal(first.Thumbprint, (await server.HandshakeAsync()).Thumbprint);
        Assert.Contains(server.Process.Lines, line => line.Contains("not a usable pair yet", StringComparison.Ordinal));

        TestPki.WriteAtomically(_pki.KeyPath, renewedKey);

        Assert.True(await ServedWithinAsync(server, renewed), "the completed pair was not picked up");
    }

    public void Dispose() => _pki.Dispose();

    private static async Task<bool> ServedWithinAsync(AdmissionServer server, X509Certificate2 expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var served = await server.HandshakeAsync();
            if (served.Thumbprint == expected.Thumbprint)
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    // The test server reads the files every 100 ms; wait until it has logged that it saw the half-written pair.
    private static async Task WaitForReloadAttemptsAsync(AdmissionServer server)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && !server.Process.Lines.Any(line => line.Contains("not a usable pair yet", StringComparison.Ordinal)))
        {
            await Task.Delay(50);
        }
    }
}
