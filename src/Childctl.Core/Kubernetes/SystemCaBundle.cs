using System.Runtime.InteropServices;
using k8s;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Skips the operating system's CA bundle when it cannot matter. On Linux, .NET builds an X509 chain against the
/// system trust store before any certificate callback runs, and OpenSSL 3 takes ~100 ms of CPU to parse that
/// bundle (aot-spike.md). When the kubeconfig pins the API server's CA (certificate-authority(-data)), the client
/// trusts the server only if its chain ends in that CA, so the bundle plays no part. Then, until the first request
/// is done, OpenSSL's locations (<c>SSL_CERT_FILE</c>, <c>SSL_CERT_DIR</c>) point at nothing; afterwards they are
/// put back as they were. Verification stays on; set <c>CHILDCTL_SYSTEM_CA=1</c> to keep the bundle. Not used with
/// insecure-skip-tls-verify, without a pinned CA, or with exec credential plugins (child processes that may need it).
/// </summary>
internal static partial class SystemCaBundle
{
    private const string FileVariable = "SSL_CERT_FILE";
    private const string DirectoryVariable = "SSL_CERT_DIR";

    /// <summary>glibc's soname: already loaded, so no library search (plain "libc" probes a dozen paths first).</summary>
    private const string Libc = "libc.so.6";

    /// <summary>Points the bundle at nothing when it is irrelevant; disposing the scope restores the environment.</summary>
    public static IDisposable SkipIfIrrelevant(KubernetesClientConfiguration config)
    {
        if (!OperatingSystem.IsLinux() || config.SkipTlsVerify || config.SslCaCerts is not { Count: > 0 } || config.TokenProvider is not null
            || !config.Host.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("CHILDCTL_SYSTEM_CA") == "1")
        {
            return NoScope.Instance;
        }

        var scope = new Restore(Environment.GetEnvironmentVariable(FileVariable), Environment.GetEnvironmentVariable(DirectoryVariable));
        try
        {
            _ = SetEnv(FileVariable, "/dev/null", 1);
            _ = SetEnv(DirectoryVariable, "/nonexistent/childctl-pinned-ca", 1);
            return scope;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return NoScope.Instance; // not glibc (e.g. musl): keep the bundle, it only costs time
        }
    }

    [LibraryImport(Libc, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(Libc, EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    private static void Put(string name, string? value) => _ = value is null ? UnsetEnv(name) : SetEnv(name, value, 1);

    private sealed class Restore(string? file, string? directory) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Put(FileVariable, file);
                Put(DirectoryVariable, directory);
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
