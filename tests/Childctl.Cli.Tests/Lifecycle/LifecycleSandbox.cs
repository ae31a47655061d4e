using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// One in-process sandbox (HTTPS on 127.0.0.1, simulated k0rdent) for a test class, fast enough that a cluster is
/// Ready in about a second. Each test gets its own shell, HOME and history folder through <see cref="NewRun"/>.
/// </summary>
public class LifecycleSandbox : SandboxFixture
{
    /// <summary>Simulated time runs this much faster than real time: ~8 min of provisioning take under a second.</summary>
    public const double FastSpeed = 600;

    public SandboxHandle Sandbox => Handle;

    protected override SandboxOptions Options => new() { EnableController = true, Speed = FastSpeed };

    /// <summary>A shell with a fresh history directory and HOME, pointed at this sandbox.</summary>
    public TestCli NewRun() => TestCli.InHome(System.IO.Directory.CreateTempSubdirectory("childctl-home-").FullName, KubeconfigPath);
}
