using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Childctl.Sandbox.ChildApi;

/// <summary>
/// How clients reach the simulated child clusters: one HTTPS listener on 127.0.0.1 for all of them, each child under
/// its own path <c>/clusters/&lt;namespace&gt;/&lt;name&gt;</c> with its own bearer token. The listener has a real
/// certificate chain: a CA made at every start (ECDSA P-256, the <c>certificate-authority-data</c> of every child
/// kubeconfig) and a serving certificate it signed (SAN 127.0.0.1 and localhost, serverAuth). A child's token is an
/// HMAC of its ClusterDeployment's uid under a key made at start, so it needs no storage and a new incarnation of a
/// name gets a new token.
/// </summary>
internal sealed class ChildAccess : IDisposable
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    private ChildAccess(X509Certificate2 ca, X509Certificate2 serving, Uri baseUri)
    {
        Ca = ca;
        Serving = serving;
        BaseUri = baseUri;
        CaPem = ca.ExportCertificatePem() + "\n";
    }

    /// <summary>The listener, <c>https://127.0.0.1:PORT/</c>; set once it is bound.</summary>
    public Uri BaseUri { get; set; }

    public X509Certificate2 Ca { get; }

    /// <summary>The serving certificate with its private key.</summary>
    public X509Certificate2 Serving { get; }

    public string CaPem { get; }

    /// <summary>Makes the CA and the serving certificate; <paramref name="baseUri"/> is where the children will be served.</summary>
    public static ChildAccess Create(TimeProvider time, Uri baseUri)
    {
        var now = time.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=childctl-sandbox child-cluster CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(365));

        using var servingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=childctl-sandbox child API", servingKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var signed = request.Create(ca, now.AddHours(-1), now.AddDays(364), RandomNumberGenerator.GetBytes(16));
        return new ChildAccess(ca, signed.CopyWithPrivateKey(servingKey), baseUri);
    }

    /// <summary>The server URL of one child's kubeconfig.</summary>
    public string ServerFor(string ns, string name) => $"{BaseUri.AbsoluteUri.TrimEnd('/')}/clusters/{ns}/{name}";

    /// <summary>The bearer token of the child whose ClusterDeployment has this uid.</summary>
    public string TokenFor(string uid) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(uid)));

    /// <summary>Whether a presented token is that child's, in constant time.</summary>
    public bool Accepts(string uid, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenFor(uid)), Encoding.ASCII.GetBytes(token));

    /// <summary>A child's kubeconfig: the child API's server and CA, and the child's token.</summary>
    public string Kubeconfig(string ns, string name, string uid)
    {
        var user = name + "-admin";
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(CaPem));
        return string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {ServerFor(ns, name)}
                certificate-authority-data: {ca}
            contexts:
            - name: {user}@{name}
              context:
                cluster: {name}
                user: {user}
            current-context: {user}@{name}
            preferences: {"{}"}
            users:
            - name: {user}
              user:
                token: {TokenFor(uid)}

            """);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }
}
