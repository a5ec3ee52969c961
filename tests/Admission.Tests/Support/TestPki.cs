using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Shipshape.Admission.Tests.Support;

/// <summary>
/// A throwaway certificate authority in a temporary folder, and serving certificates it signs for 127.0.0.1,
/// written as PEM files the way cert-manager writes a Secret (tls.crt, tls.key, ca.crt). Nothing is ever committed.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("shipshape-admission-pki-").FullName;
        var request = new CertificateRequest("CN=Shipshape test CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(Directory, "ca.crt"), Authority.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>Signs a new serving certificate for 127.0.0.1 and localhost; <paramref name="write"/> puts it in tls.crt/tls.key.</summary>
    public X509Certificate2 IssueServing(string commonName, bool write = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var signed = request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey),
            DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        var certificate = signed.CopyWithPrivateKey(key);
        if (write)
        {
            WritePair(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
        }
        return certificate;
    }

    /// <summary>Writes a pair as the kubelet updates a Secret volume: new files beside the old, then an atomic rename.</summary>
    public void WritePair(string certificatePem, string keyPem)
    {
        WriteAtomically(CertificatePath, certificatePem);
        WriteAtomically(KeyPath, keyPem);
    }

    public static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Validates a server certificate against this authority only, host name included.</summary>
    public bool Trusts(X509Certificate2 certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if (errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        Authority.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
