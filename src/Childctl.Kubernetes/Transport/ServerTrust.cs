using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// How the API server's certificate is trusted, as kubectl trusts it. A pinned CA (certificate-authority or -data) is
/// the only trust anchor: the chain is built with <see cref="X509ChainTrustMode.CustomRootTrust"/> against that CA alone,
/// so no certificate the operating system trusts (a corporate TLS-inspection root, say) can stand in for it, on any
/// platform and whatever <c>CHILDCTL_SYSTEM_CA</c> or <c>SSL_CERT_FILE</c> say. Without a pinned CA the system store
/// decides (.NET's default check, host name included). insecure-skip-tls-verify checks nothing, with a warning.
/// </summary>
internal static class ServerTrust
{
    /// <summary>Sets up <paramref name="ssl"/>; returns the pinned-CA check (it knows why a handshake was refused), or null.</summary>
    public static ServerCertificateCheck? Configure(SslClientAuthenticationOptions ssl, k8s.KubernetesClientConfiguration config, Action<string>? warn, string clusterName)
    {
        if (config.SkipTlsVerify)
        {
            warn?.Invoke($"insecure-skip-tls-verify is set for cluster \"{clusterName}\": the API server's certificate is not checked, " +
                "so anyone on the network path can read and change what childctl sends, credentials included");
#pragma warning disable CA5359 // the kubeconfig says insecure-skip-tls-verify: the user asked for exactly this (and is warned)
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            return null;
        }

        if (config.SslCaCerts is not { Count: > 0 } authorities)
        {
            return null;
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck, // as Go's crypto/tls: no revocation lookups
        };
        policy.CustomTrustStore.AddRange(authorities);
        ssl.CertificateChainPolicy = policy;
        var check = new ServerCertificateCheck(authorities);
        ssl.RemoteCertificateValidationCallback = check.Validate;
        return check;
    }
}

/// <summary>
/// Verifies the API server against the kubeconfig's certificate authority, as kubectl does: the chain, built against
/// that CA alone (<see cref="ServerTrust"/>), must end in it, <em>and</em> the certificate must be issued for the host
/// childctl connects to (the server URL's host, or tls-server-name). Remembers why the last handshake was refused, so
/// the error can say so instead of .NET's generic text.
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

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            var why = chain.ChainStatus.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid) ? " (or it has expired)" : string.Empty;
            return Refuse($"the server's certificate is not signed by the kubeconfig's certificate-authority{why}");
        }

        // The chain policy already trusts nothing else; this only guards against a platform that would ignore it.
        var root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : null;
        return root is not null && authorities.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span))
            || Refuse("the server's certificate is not signed by the kubeconfig's certificate-authority");
    }

    private bool Refuse(string problem)
    {
        _problem = problem;
        return false;
    }
}
