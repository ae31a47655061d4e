using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// One in-process sandbox (HTTPS on 127.0.0.1, simulated k0rdent) for a test class, fast enough that a cluster is
/// Ready in about a second. Each test gets its own history directory through <see cref="NewRun"/>.
/// </summary>
public class LifecycleSandbox : IAsyncLifetime
{
    /// <summary>Simulated time runs this much faster than real time: ~8 min of provisioning take under a second.</summary>
    public const double FastSpeed = 600;

    private readonly string _dir = Directory.CreateTempSubdirectory("childctl-lifecycle-").FullName;

    public SandboxHandle Sandbox { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(_dir, "kubeconfig");

    protected virtual SandboxOptions Options => new() { Speed = FastSpeed };

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(Options);
        Sandbox.WriteKubeconfig(KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A runner with a fresh history directory and HOME, pointed at this sandbox.</summary>
    internal LifecycleRunner NewRun()
    {
        var home = Directory.CreateTempSubdirectory("childctl-home-").FullName;
        return new LifecycleRunner(new Dictionary<string, string>
        {
            ["KUBECONFIG"] = KubeconfigPath,
            ["HOME"] = home,
            ["CHILDCTL_HISTORY_DIR"] = Path.Combine(home, "history"),
        }, home);
    }
}
