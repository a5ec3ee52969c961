using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Shipshape.Admission.Tls;

/// <summary>A certificate and its private key read from PEM files, with the bytes they were read from.</summary>
public sealed record PemCertificate(X509Certificate2 Certificate, byte[] CertificatePem, byte[] KeyPem)
{
    /// <summary>Reads both files; throws <see cref="CertificateLoadException"/> saying which file is wrong and how.</summary>
    public static PemCertificate Load(string certificatePath, string keyPath)
    {
        var certificatePem = Read(certificatePath, "certificate");
        var keyPem = Read(keyPath, "key");
        return FromPem(certificatePem, keyPem);
    }

    public static PemCertificate FromPem(byte[] certificatePem, byte[] keyPem)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPem(
                System.Text.Encoding.ASCII.GetString(certificatePem), System.Text.Encoding.ASCII.GetString(keyPem));
            return new PemCertificate(certificate, certificatePem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The runtime's message says which: no PEM block found, an unsupported key, or a key of another certificate.
            throw new CertificateLoadException($"the certificate and key are not a usable PEM pair: {e.Message.Replace(" (Parameter 'privateKey')", "", StringComparison.Ordinal)}", e);
        }
    }

    public bool SameFiles(byte[] certificatePem, byte[] keyPem) =>
        CertificatePem.AsSpan().SequenceEqual(certificatePem) && KeyPem.AsSpan().SequenceEqual(keyPem);

    internal static byte[] Read(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertificateLoadException($"cannot read the {what} file {path}: {e.Message}", e);
        }
    }
}

public sealed class CertificateLoadException : Exception
{
    public CertificateLoadException(string message, Exception inner) : base(message, inner)
    {
    }

    public CertificateLoadException(string message) : base(message)
    {
    }

    public CertificateLoadException()
    {
    }
}
