using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using k8s;

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

/// <summary>
/// Skips the operating system's CA bundle when it cannot matter. On Linux, .NET builds an X509 chain against the
/// system trust store before any certificate callback runs, and OpenSSL 3 takes ~100 ms of CPU to parse that
/// bundle (aot-spike.md). When the kubeconfig pins the API server's CA (certificate-authority(-data)), childctl
/// trusts the server only if its chain ends in that CA (<see cref="Transport.ServerTrust"/>), so the bundle plays no
/// part: this is about time only, never about trust, which the pinned CA alone decides either way. Then, until the first request
/// is done, OpenSSL's locations (<c>SSL_CERT_FILE</c>, <c>SSL_CERT_DIR</c>) point at nothing; afterwards they are
/// put back as they were. Verification stays on; set <c>CHILDCTL_SYSTEM_CA=1</c> to keep the bundle. Not used with
/// insecure-skip-tls-verify, without a pinned CA, or through an https:// proxy. Scopes may overlap (the last one out restores), and an exec
/// credential plugin started meanwhile gets the real values (<see cref="RestoreInto"/>): it may make HTTPS calls.
/// </summary>
internal static partial class SystemCaBundle
{
    private const string FileVariable = "SSL_CERT_FILE";
    private const string DirectoryVariable = "SSL_CERT_DIR";

    /// <summary>glibc's soname: already loaded, so no library search (plain "libc" probes a dozen paths first).</summary>
    private const string Libc = "libc.so.6";

    private static readonly Lock Gate = new();
    private static int s_open;
    private static (string? File, string? Directory) s_saved;

    /// <summary>Points the bundle at nothing when it is irrelevant; disposing the scope restores the environment.</summary>
    /// <param name="throughTlsProxy">Requests go through an https:// proxy, whose certificate only the system store can check.</param>
    public static IDisposable SkipIfIrrelevant(KubernetesClientConfiguration config, bool throughTlsProxy = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!OperatingSystem.IsLinux() || config.SkipTlsVerify || config.SslCaCerts is not { Count: > 0 } || throughTlsProxy
            || !config.Host.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("CHILDCTL_SYSTEM_CA") == "1")
        {
            return NoScope.Instance;
        }

        lock (Gate)
        {
            try
            {
                if (s_open == 0)
                {
                    s_saved = (Environment.GetEnvironmentVariable(FileVariable), Environment.GetEnvironmentVariable(DirectoryVariable));
                    _ = SetEnv(FileVariable, "/dev/null", 1);
                    _ = SetEnv(DirectoryVariable, "/nonexistent/childctl-pinned-ca", 1);
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return NoScope.Instance; // not glibc (e.g. musl): keep the bundle, it only costs time
            }

            s_open++;
            return new Scope();
        }
    }

    /// <summary>Gives a child process's environment the bundle locations as they were before any scope changed them.</summary>
    public static void RestoreInto(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        lock (Gate)
        {
            if (s_open > 0)
            {
                Set(environment, FileVariable, s_saved.File);
                Set(environment, DirectoryVariable, s_saved.Directory);
            }
        }
    }

    private static void Close()
    {
        lock (Gate)
        {
            if (--s_open == 0)
            {
                Put(FileVariable, s_saved.File);
                Put(DirectoryVariable, s_saved.Directory);
            }
        }
    }

    [LibraryImport(Libc, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(Libc, EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    private static void Put(string name, string? value) => _ = value is null ? UnsetEnv(name) : SetEnv(name, value, 1);

    private static void Set(IDictionary<string, string?> environment, string name, string? value)
    {
        if (value is null)
        {
            environment.Remove(name);
        }
        else
        {
            environment[name] = value;
        }
    }

    private sealed class Scope : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Close();
            }
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
