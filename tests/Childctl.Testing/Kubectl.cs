using System.Diagnostics;

namespace Childctl.Testing;

/// <summary>
/// Runs the real /usr/bin/kubectl against a kubeconfig, with its own discovery cache directory (kubectl caches
/// discovery on disk for hours, keyed by host and port), capturing exit code, stdout and stderr.
/// </summary>
public sealed class Kubectl(string kubeconfigPath, string cacheDirectory)
{
    public const string Executable = "/usr/bin/kubectl";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Variables set (or, with a null value, removed) in kubectl's environment, e.g. HTTPS_PROXY or SSL_CERT_FILE.</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    /// <summary>Runs to completion; a run past <paramref name="timeout"/> is killed and reported as timed out.</summary>
    public Task<KubectlResult> RunAsync(IEnumerable<string> args, string? stdin, TimeSpan? timeout = null) =>
        ChildProcess.RunAsync(StartInfo(args, stdin is not null), stdin, timeout);

    /// <summary>Starts a long-running kubectl (such as get -w); dispose the result to stop it.</summary>
    public KubectlProcess Start(params string[] args) =>
        new(Process.Start(StartInfo(args, redirectStdin: false)) ?? throw new InvalidOperationException("kubectl did not start"));

    private ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectStdin)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"--kubeconfig={kubeconfigPath}");
        info.ArgumentList.Add($"--cache-dir={cacheDirectory}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECACHEDIR"] = cacheDirectory;
        info.Environment["KUBECONFIG"] = kubeconfigPath;
        info.Environment.Remove("KUBECTL_EXTERNAL_DIFF");
        ChildProcess.SetEnvironment(info, Environment);

        return info;
    }
}
