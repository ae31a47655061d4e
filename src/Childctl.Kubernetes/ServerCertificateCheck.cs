using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Childctl.Kubernetes;

/// <summary>
/// Verifies the API server against the kubeconfig's certificate authority, as kubectl does: the chain must end in that
/// CA (the official client's <see cref="k8s.Kubernetes.CertificateValidationCallBack"/> decides this) <em>and</em> the
/// certificate must be issued for the host childctl connects to (the server URL's host, or tls-server-name). The
/// client's callback alone accepts a certificate of the right CA issued for any host when the chain needed the
/// custom CA, which would let any holder of a certificate from that CA stand in for the API server.
/// Remembers why the last handshake was refused, so the error can say so instead of .NET's generic text.
/// </summary>
internal sealed class ServerCertificateCheck(X509Certificate2Collection authorities)
{
    private volatile string? _problem;

    /// <summary>Why the last refused handshake was refused, in words for the error message; null when none was.</summary>
    public string? Problem => _problem;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || chain is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return Refuse("the server presented no certificate");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            var host = (sender as SslStream)?.TargetHostName;
            return Refuse($"the server's certificate is not issued for \"{host}\" (the host of the kubeconfig's server URL, or its tls-server-name)");
        }

        return k8s.Kubernetes.CertificateValidationCallBack(sender, authorities, certificate, chain, errors)
            || Refuse("the server's certificate is not signed by the kubeconfig's certificate-authority");
    }

    private bool Refuse(string problem)
    {
        _problem = problem;
        return false;
    }
}
