using System.Runtime.InteropServices;
using k8s;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Skips the operating system's CA bundle when it cannot matter. On Linux, .NET builds an X509 chain against the
/// system trust store before any certificate callback runs, and OpenSSL 3 takes ~100 ms of CPU to parse that
/// bundle (aot-spike.md). When the kubeconfig pins the API server's CA (certificate-authority(-data)), the client
/// trusts the server only if its chain ends in that CA, so the bundle plays no part. Then, for the first TLS
/// handshake only, OpenSSL's default locations (<c>SSL_CERT_FILE</c>, <c>SSL_CERT_DIR</c>) point at nothing.
/// Verification stays on; set <c>CHILDCTL_SYSTEM_CA=1</c> to keep the bundle. Not used with skip-tls-verify,
/// without a pinned CA, with exec credential plugins (they are child processes that may need the bundle), or
/// when the user set either variable.
/// </summary>
internal static partial class SystemCaBundle
{
    private const string FileVariable = "SSL_CERT_FILE";
    private const string DirectoryVariable = "SSL_CERT_DIR";

    /// <summary>Points the bundle at nothing when it is irrelevant; the returned scope restores the environment.</summary>
    public static IDisposable SkipIfIrrelevant(KubernetesClientConfiguration config)
    {
        if (!OperatingSystem.IsLinux() || config.SkipTlsVerify || config.SslCaCerts is not { Count: > 0 } || config.TokenProvider is not null
            || !config.Host.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("CHILDCTL_SYSTEM_CA") == "1"
            || Environment.GetEnvironmentVariable(FileVariable) is not null
            || Environment.GetEnvironmentVariable(DirectoryVariable) is not null)
        {
            return NoScope.Instance;
        }

        _ = SetEnv(FileVariable, "/dev/null", 1);
        _ = SetEnv(DirectoryVariable, "/nonexistent/childctl-pinned-ca", 1);
        return new Restore();
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    private sealed class Restore : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                _ = UnsetEnv(FileVariable);
                _ = UnsetEnv(DirectoryVariable);
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
