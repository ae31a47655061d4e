using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Childctl.Kubernetes.Exec;
using Childctl.Kubernetes.Transport;
using k8s;
using k8s.Authentication;

namespace Childctl.Kubernetes.Config;

/// <summary>
/// Turns a kubeconfig cluster and user into the official client's <see cref="KubernetesClientConfiguration"/>, the
/// way <c>BuildConfigFromConfigObject</c> did (server, CA, insecure-skip-tls-verify, tls-server-name, token, basic
/// auth, client certificate), plus what it lacked: <c>tokenFile</c>, CA bundles of several certificates, exec
/// plugins run by childctl (<see cref="ExecCredentialProvider"/>: lazily, with client certificates and expiry) and
/// a clear refusal of <c>auth-provider</c>. Nothing here contacts the server; files are read now, plugins later.
/// </summary>
internal static class ClientConfigurationBuilder
{
    public static ConnectionSettings Build(KubeconfigCluster cluster, KubeconfigUser? user, string? ns, TimeProvider time, Impersonation? flags = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var https = cluster.Server?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true;
        var caBytes = CaBytes(cluster);
        if (cluster.InsecureSkipTlsVerify && caBytes is not null)
        {
            throw Invalid(cluster, "sets insecure-skip-tls-verify together with certificate-authority(-data): " +
                "specifying a root certificates file with the insecure flag is not allowed (kubectl refuses it too); keep one of them");
        }

        var config = new KubernetesClientConfiguration
        {
            Host = cluster.Server,
            Namespace = ns,
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            SslCaCerts = https && caBytes is not null ? CaCertificates(caBytes, cluster) : null,
        };
        var impersonate = (user?.Impersonate ?? Impersonation.None).With(flags);
        impersonate.Validate(user?.Name);
        if (user is not null)
        {
            ApplyUser(config, user, cluster, caBytes, time);
        }

        if (!https && (HasCredentials(config) || impersonate.IsRequested))
        {
            throw Invalid(cluster, $"has a plain http:// server ({cluster.Server}), and childctl sends no credentials or impersonation over an " +
                "unencrypted connection (kubectl would send these requests without them, anonymously): use the API server's https:// URL");
        }

        return new ConnectionSettings(config, impersonate, ProxyUrl(cluster), cluster.DisableCompression);
    }

    private static bool HasCredentials(KubernetesClientConfiguration config) =>
        !string.IsNullOrEmpty(config.AccessToken) || config.TokenProvider is not null || !string.IsNullOrEmpty(config.Username)
        || config.ClientCertificateData is not null || config.ClientCertificateFilePath is not null;

    /// <summary>proxy-url as client-go accepts it: an absolute http, https or socks5 URL.</summary>
    private static Uri? ProxyUrl(KubeconfigCluster cluster)
    {
        if (string.IsNullOrEmpty(cluster.ProxyUrl))
        {
            return null;
        }

        return Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out var proxy) && proxy.Scheme is "http" or "https" or "socks5" && proxy.Host.Length > 0
            ? proxy
            : throw Invalid(cluster, $"has proxy-url \"{cluster.ProxyUrl}\", which is not an http://, https:// or socks5:// URL (the schemes kubectl supports)");
    }

    private static void ApplyUser(KubernetesClientConfiguration config, KubeconfigUser user, KubeconfigCluster cluster, byte[]? caBytes, TimeProvider time)
    {
        if (user.AuthProvider is { } provider)
        {
            throw Invalid(user, $"uses auth-provider \"{provider}\", which childctl does not support (kubectl dropped the built-in providers too): " +
                "switch the user to an exec credential plugin (oidc: kubelogin, 'kubectl oidc-login'; gcp: gke-gcloud-auth-plugin; azure: kubelogin) or to a token");
        }

        // Precedence as in client-go: a token, else a token file, else an exec plugin; basic auth only without those.
        if (!string.IsNullOrEmpty(user.Token))
        {
            config.AccessToken = user.Token;
        }
        else if (user.TokenFile is { } tokenFile)
        {
            Require(user, tokenFile, "tokenFile");
            config.TokenProvider = new TokenFileAuth(tokenFile);
        }
        else if (user.Exec is { } exec)
        {
            config.TokenProvider = new ExecCredentialProvider(exec, user.Name, ExecClusterInfo.For(cluster, caBytes), time);
        }
        else if (!string.IsNullOrEmpty(user.Username) && !string.IsNullOrEmpty(user.Password))
        {
            config.Username = user.Username;
            config.Password = user.Password;
        }

        ApplyClientCertificate(config, user);
    }

    /// <summary>Either form of each half (data wins over file, as in the client); one half without the other is an error.</summary>
    private static void ApplyClientCertificate(KubernetesClientConfiguration config, KubeconfigUser user)
    {
        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || user.ClientCertificate is not null;
        var hasKey = !string.IsNullOrEmpty(user.ClientKeyData) || user.ClientKey is not null;
        if (hasCertificate != hasKey)
        {
            throw Invalid(user, hasCertificate
                ? "has a client certificate but no client key (client-key or client-key-data)"
                : "has a client key but no client certificate (client-certificate or client-certificate-data)");
        }

        if (!hasCertificate)
        {
            return;
        }

        config.ClientCertificateData = user.ClientCertificateData;
        config.ClientCertificateKeyData = user.ClientKeyData;
        config.ClientCertificateFilePath = string.IsNullOrEmpty(user.ClientCertificateData) ? Require(user, user.ClientCertificate!, "client-certificate") : null;
        config.ClientKeyFilePath = string.IsNullOrEmpty(user.ClientKeyData) ? Require(user, user.ClientKey!, "client-key") : null;
    }

    private static byte[]? CaBytes(KubeconfigCluster cluster)
    {
        if (!string.IsNullOrEmpty(cluster.CertificateAuthorityData))
        {
            try
            {
                return Convert.FromBase64String(cluster.CertificateAuthorityData);
            }
            catch (FormatException)
            {
                throw Invalid(cluster, "has certificate-authority-data that is not base64");
            }
        }

        if (cluster.CertificateAuthority is not { } path)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(cluster, $"names certificate-authority {path}, which cannot be read: {e.Message}");
        }
    }

    /// <summary>Every certificate of a PEM bundle (kubectl accepts several), or one DER certificate.</summary>
    private static X509Certificate2Collection CaCertificates(byte[] bytes, KubeconfigCluster cluster)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException e)
        {
            throw Invalid(cluster, $"has a certificate authority that cannot be loaded: {e.Message}");
        }

        return certificates.Count > 0 ? certificates : throw Invalid(cluster, "has a certificate authority without any certificate in it");
    }

    private static string Require(KubeconfigUser user, string path, string field) =>
        File.Exists(path) ? path : throw Invalid(user, $"names {field} {path}, which does not exist");

    private static KubernetesException Invalid(KubeconfigUser user, string problem) =>
        KubernetesException.InvalidInput($"user \"{user.Name}\" in kubeconfig {user.SourceFile} {problem}");

    private static KubernetesException Invalid(KubeconfigCluster cluster, string problem) =>
        KubernetesException.InvalidInput($"cluster \"{cluster.Name}\" in kubeconfig {cluster.SourceFile} {problem}");
}

/// <summary>
/// Everything a connection needs from the kubeconfig: the official client's configuration (server, TLS, credentials),
/// whom to impersonate, the kubeconfig's proxy-url, and whether compression is disabled.
/// </summary>
internal sealed record ConnectionSettings(KubernetesClientConfiguration Client, Impersonation Impersonate, Uri? ProxyUrl, bool DisableCompression);
