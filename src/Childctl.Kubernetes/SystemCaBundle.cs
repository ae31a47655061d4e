using System.Runtime.InteropServices;
using k8s;

namespace Childctl.Kubernetes;

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
