using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Childctl.Testing;

/// <summary>A throwaway CA and certificates it signs (ECDSA P-256), for TLS and client-certificate tests.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string name = "childctl-test-ca")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>A server certificate for 127.0.0.1 and localhost (plus <paramref name="extraDnsName"/>), with its key.</summary>
    public X509Certificate2 Server(string? extraDnsName = null)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        if (extraDnsName is not null)
        {
            san.AddDnsName(extraDnsName);
        }

        return Issue("CN=localhost", "1.3.6.1.5.5.7.3.1", san);
    }

    /// <summary>A client certificate (clientAuth) for <paramref name="user"/>, with its key.</summary>
    public X509Certificate2 Client(string user) => Issue($"CN={user}", "1.3.6.1.5.5.7.3.2", null);

    /// <summary>The certificate and its private key as PEM text.</summary>
    public static (string Certificate, string Key) Pem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("no private key");
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, string usage, SubjectAlternativeNameBuilder? san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(Authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
