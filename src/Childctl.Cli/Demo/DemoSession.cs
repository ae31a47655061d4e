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

    public DemoSession(CliHost host)
    {
        Host = host;
    }

    public CliHost Host { get; }

    public string KubeconfigPath => Path.Combine(_directory.FullName, "kubeconfig");

    public string HistoryDirectory => Path.Combine(_directory.FullName, "history");

    public SandboxChild? Sandbox { get; set; }

    public SandboxChild RequireSandbox() => Sandbox ?? throw new InvalidOperationException("the demo's sandbox is not running");

    public string Url => RequireSandbox().Ready.BaseUri.ToString().TrimEnd('/');

    /// <summary>A file in the demo's private folder (removed with it).</summary>
    public string FilePath(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>Runs a childctl command in this process against the demo's sandbox and history folder; any other exit code than <paramref name="expectedExitCode"/> fails the demo.</summary>
    public async Task RunChildctlAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, int expectedExitCode = ExitCodes.Success)
    {
        var code = await CliApp.RunAsync([.. args, "--kubeconfig", KubeconfigPath, "--history-dir", HistoryDirectory], Host, cancellationToken);
        if (code != expectedExitCode)
        {
            throw new Core.Errors.ChildctlException($"'childctl {string.Join(' ', args)}' exited with code {code}");
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
