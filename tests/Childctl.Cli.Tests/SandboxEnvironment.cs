using Childctl.Testing;

namespace Childctl.Cli.Tests;

/// <summary>
/// A private HOME and XDG_STATE_HOME for sandbox commands, pointing childctl at the childctl-sandbox built next
/// to the tests. Disposing stops any sandbox still recorded there (so a failing test leaves nothing running)
/// and deletes the folder.
/// </summary>
internal sealed class SandboxEnvironment : IAsyncDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("childctl-cli-sandbox-");

    public SandboxEnvironment(bool useDefaultLookup = false)
    {
        Variables = new Dictionary<string, string>
        {
            ["HOME"] = _root.FullName,
            ["XDG_STATE_HOME"] = Path.Combine(_root.FullName, "state"),
        };
        if (!useDefaultLookup)
        {
            Variables["CHILDCTL_SANDBOX_PATH"] = Path.Combine(AppContext.BaseDirectory, "childctl-sandbox.dll");
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            Variables["DOTNET_HOST_PATH"] = host;
        }
    }

    public Dictionary<string, string> Variables { get; }

    public string StateDirectory => Path.Combine(_root.FullName, "state", "childctl", "sandbox");

    public string StateFile => Path.Combine(StateDirectory, "state");

    public Task<CliResult> RunAsync(params string[] args) => new TestCli(Variables).RunAsync(args);

    /// <summary>The pid recorded in the state file.</summary>
    public int RecordedPid() =>
        int.Parse(File.ReadAllLines(StateFile).First(l => l.StartsWith("pid=", StringComparison.Ordinal))[4..], System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(StateFile))
        {
            await RunAsync("sandbox", "down");
        }

        _root.Delete(recursive: true);
    }
}
