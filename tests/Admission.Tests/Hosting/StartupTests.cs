using Shipshape.Admission.Tests.Support;

namespace Shipshape.Admission.Tests.Hosting;

/// <summary>Configuration is checked before listening: a bad value stops the process with exit 2 and one line naming the key.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TestPki _pki = new();

    public StartupTests() => _pki.IssueServing("admission-test");

    [Fact]
    public async Task WithoutCertificateFilesItRefusesToStartNamingTheKeys()
    {
        var (exit, stderr) = await RunAsync(new() { ["Tls__CertificatePath"] = "", ["Tls__KeyPath"] = "" });

        Assert.Equal(2, exit);
        Assert.StartsWith("admission: invalid configuration: Tls:CertificatePath and Tls:KeyPath must name the PEM files", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task KeyThatDoesNotMatchTheCertificateIsRefused()
    {
        var other = Path.Combine(_pki.Directory, "other.key");
        File.WriteAllText(other, System.Security.Cryptography.ECDsa.Create().ExportPkcs8PrivateKeyPem());

        var (exit, stderr) = await RunAsync(new() { ["Tls__KeyPath"] = other });

        Assert.Equal(2, exit);
        Assert.Contains("Tls:CertificatePath/Tls:KeyPath: the certificate and key are not a usable PEM pair: The provided key does not match the public key for this certificate.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCertificateFileIsNamed()
    {
        var (exit, stderr) = await RunAsync(new() { ["Tls__CertificatePath"] = "/nonexistent/tls.crt" });

        Assert.Equal(2, exit);
        Assert.Contains("cannot read the certificate file /nonexistent/tls.crt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPoliciesFileIsRefusedWithTheEnginesMessage()
    {
        var policies = Path.Combine(_pki.Directory, "policies.yaml");
        File.WriteAllText(policies, "policies:\n  - id: x\n    action: block\n    check: imageTag\n");

        var (exit, stderr) = await RunAsync(new() { ["Policies__Path"] = policies });

        Assert.Equal(2, exit);
        Assert.Contains($"Policies:Path: {policies}: policies[0] (\"x\"): action \"block\" is not one of warn, deny", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Admission__MaxRequestBytes", "12", "Admission:MaxRequestBytes must be between 1024")]
    [InlineData("Admission__Shutdown__Timeout", "00:00:01", "Admission:Shutdown:Timeout must be longer than Admission:Shutdown:DrainDelay")]
    [InlineData("Tls__ReloadInterval", "soon", "Tls:ReloadInterval")]
    public async Task BadSettingIsNamed(string key, string value, string message)
    {
        var (exit, stderr) = await RunAsync(new() { [key] = value, ["Admission__Shutdown__DrainDelay"] = "00:00:05" });

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomPoliciesFileChangesTheVerdict()
    {
        var policies = Path.Combine(_pki.Directory, "policies.yaml");
        File.WriteAllText(policies, """
            policies:
              - id: gpu-requests
                description: GPU jobs request their GPUs.
                severity: high
                action: deny
                check: resourceRequests
                parameters:
                  resources: [cpu, memory, nvidia.com/gpu]
            """);
        await using var server = await AdmissionServer.StartAsync(new Dictionary<string, string> { ["Policies__Path"] = policies }, _pki);

        var response = await server.ReviewAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container())));

        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Equal("Deployment shop/web: container \"web\" has no nvidia.com/gpu request [gpu-requests]",
            response.GetProperty("status").GetProperty("message").GetString());
    }

    public void Dispose() => _pki.Dispose();

    private async Task<(int Exit, string Stderr)> RunAsync(Dictionary<string, string> settings)
    {
        await using var process = await ServiceProcess.StartAsync(["dotnet", AdmissionServer.DllPath], AdmissionServer.Environment(_pki, settings), waitUntilListening: false);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Stderr);
    }
}
