using System.Text.Json;
using Childctl.Cli.Tests.Lifecycle;
using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// A sandbox of its own for one test (so that an audit of kcm-system sees only that test's clusters), with the simulated
/// k0rdent controller running fast, a childctl runner with a fresh history folder, and real kubectl for the changes
/// made "elsewhere".
/// </summary>
internal sealed class AuditWorld : IAsyncDisposable
{
    public const string Ns = "kcm-system";
    private readonly string _dir;
    private readonly SandboxOptions _options;

    private AuditWorld(SandboxHandle sandbox, SandboxOptions options, string dir)
    {
        Sandbox = sandbox;
        _options = options;
        _dir = dir;
        KubeconfigPath = Path.Combine(dir, "kubeconfig");
        sandbox.WriteKubeconfig(KubeconfigPath);
        Run = TestCli.InHome(dir, KubeconfigPath);
        Kubectl = new Kubectl(KubeconfigPath, Path.Combine(dir, "kube-cache"));
    }

    public SandboxHandle Sandbox { get; private set; }

    public string KubeconfigPath { get; }

    public TestCli Run { get; }

    public Kubectl Kubectl { get; }

    public static async Task<AuditWorld> StartAsync(bool controller = true)
    {
        var dir = Directory.CreateTempSubdirectory("childctl-audit-").FullName;
        var options = new SandboxOptions { Speed = LifecycleSandbox.FastSpeed, EnableController = controller };
        return new AuditWorld(await SandboxHost.StartAsync(options), options, dir);
    }

    /// <summary>The API server URL the kubeconfig names, as history records it.</summary>
    public string Server => Sandbox.BaseUri.ToString().TrimEnd('/');

    /// <summary>Uses the history folder of <paramref name="other"/>, as a second sandbox with the same kubeconfig cluster name would.</summary>
    public void ShareHistoryWith(AuditWorld other) => Run.Environment["CHILDCTL_HISTORY_DIR"] = other.Run.HistoryDirectory;

    /// <summary>A ClusterDeployment manifest as someone would kubectl-apply it.</summary>
    public static string Manifest(string name, int workers = 2, string template = "aws-standalone-cp-1-0-43") => $$"""
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata:
          name: {{name}}
          namespace: {{Ns}}
        spec:
          template: {{template}}
          credential: aws-cluster-credential
          config:
            region: us-west-2
            controlPlaneNumber: 1
            workersNumber: {{workers}}
        """;

    /// <summary>Runs real kubectl and insists that it worked.</summary>
    public async Task KubectlAsync(string? stdin, params string[] args)
    {
        var result = await Kubectl.RunAsync(args, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {result.StdErr}");
    }

    public async Task CreateAsync(string name, params string[] more)
    {
        var result = await Run.RunAsync(["create", "aws", name, "--region", "us-west-2", "--cp-number", "1", .. more]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    public async Task<(int ExitCode, JsonElement Report, string Stderr)> AuditJsonAsync(params string[] more)
    {
        var result = await Run.RunAsync(["audit", "-o", "json", .. more]);
        using var doc = JsonDocument.Parse(result.Stdout);
        return (result.ExitCode, doc.RootElement.Clone(), result.Stderr);
    }

    public static JsonElement Item(JsonElement report, string name) =>
        report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    public string Uid(string name) => Sandbox.Store.Get(ResourceType.ClusterDeployment, Ns, name)!["metadata"]!["uid"]!.GetValue<string>();

    /// <summary>Every history file and its text, to show that a run changed nothing.</summary>
    public Dictionary<string, string> HistorySnapshot() =>
        Directory.GetFiles(Run.HistoryDirectory, "*.yaml", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    public async Task StopSandboxAsync() => await Sandbox.DisposeAsync();

    /// <summary>As 'sandbox down' then 'sandbox up': a new, empty world on another free port, the kubeconfig pointed at it.</summary>
    public async Task RestartSandboxAsync()
    {
        await Sandbox.DisposeAsync();
        Sandbox = await SandboxHost.StartAsync(_options);
        Sandbox.WriteKubeconfig(KubeconfigPath);
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
