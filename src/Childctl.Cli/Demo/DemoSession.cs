using Childctl.Cli.LocalSandbox;

namespace Childctl.Cli.Demo;

/// <summary>
/// What the demo's steps share: a private temp folder (kubeconfig, history), the sandbox once started, and a
/// way to run childctl itself against it. Disposing stops the sandbox and removes the folder.
/// </summary>
internal sealed class DemoSession : IAsyncDisposable
{
    public const double Speed = 100;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("childctl-demo-");
    private readonly Lazy<string?> _kubectl;

    public DemoSession(CliHost host)
    {
        Host = host;
        _kubectl = new Lazy<string?>(() => DemoKubectl.Find(host.GetEnvironmentVariable));
    }

    public CliHost Host { get; }

    public string KubeconfigPath => Path.Combine(_directory.FullName, "kubeconfig");

    public string HistoryDirectory => Path.Combine(_directory.FullName, "history");

    public SandboxChild? Sandbox { get; set; }

    /// <summary>kubectl on the PATH, or null: the demo then skips what needs another writer.</summary>
    public string? Kubectl => _kubectl.Value;

    public SandboxChild RequireSandbox() => Sandbox ?? throw new InvalidOperationException("the demo's sandbox is not running");

    public string Url => RequireSandbox().Ready.BaseUri.ToString().TrimEnd('/');

    /// <summary>A file in the demo's private folder (removed with it).</summary>
    public string FilePath(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>
    /// Runs a childctl command in this process against the demo's sandbox and history folder; any other exit code than
    /// <paramref name="expectedExitCode"/> fails the demo. An expected non-zero code is shown, since it is the point.
    /// </summary>
    public async Task RunChildctlAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, int expectedExitCode = ExitCodes.Success)
    {
        var code = await CliApp.RunAsync([.. args, "--kubeconfig", KubeconfigPath, "--history-dir", HistoryDirectory], Host, cancellationToken);
        if (code != expectedExitCode)
        {
            throw new Core.Errors.ChildctlException($"'childctl {string.Join(' ', args)}' exited with code {code}");
        }

        if (code != ExitCodes.Success)
        {
            await Host.Out.WriteLineAsync($"(exit code {code}, as expected)");
        }
    }

    /// <summary>Runs the real kubectl against the demo's sandbox (or, with <paramref name="kubeconfig"/>, a child cluster); a failure fails the demo.</summary>
    public async Task RunKubectlAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, string? kubeconfig = null)
    {
        var kubectl = Kubectl ?? throw new InvalidOperationException("kubectl is not on PATH");
        var code = await DemoKubectl.RunAsync(kubectl, ["--kubeconfig", kubeconfig ?? KubeconfigPath, .. args], FilePath("kube-cache"), Host, cancellationToken);
        if (code != 0)
        {
            throw new Core.Errors.ChildctlException($"'kubectl {string.Join(' ', args)}' exited with code {code}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Sandbox is { } sandbox)
        {
            await sandbox.StopAsync();
            sandbox.Dispose();
            Sandbox = null;
        }

        _directory.Delete(recursive: true);
    }
}
