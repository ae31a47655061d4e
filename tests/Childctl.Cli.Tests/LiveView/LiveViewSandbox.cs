using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Sandbox;
using Childctl.Sandbox.Faults;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// A sandbox with the controller off, seeded straight through the store with the shared example objects and
/// variants of them (stale Ready, dry run, another namespace), their templates, credentials, a kubeconfig Secret
/// and Events. <see cref="Clock"/> is fixed 3d30m after the first object was created, and the example
/// timestamps are moved to keep their ages relative to it, so table output is the same on every run.
/// </summary>
public partial class LiveViewSandbox : IAsyncLifetime, IDisposable
{
    public const string Ns = "kcm-system";
    public const string OtherNs = "team-b";
    private const string Manager = "live-view-test";

    private readonly TempDirectory _history = new("childctl-history");
    private readonly TempDirectory _directory = new("childctl-live-view");
    private SandboxHandle? _handle;

    public SandboxHandle Handle => _handle ?? throw new InvalidOperationException("the sandbox is not started");

    public ObjectStore Store => Handle.Store;

    public SandboxFaults Faults => Handle.Faults;

    public string Directory => _directory.Path;

    public string KubeconfigPath => _directory.Combine("kubeconfig");

    public string ReadOnlyKubeconfigPath => _directory.Combine("kubeconfig-viewer");

    public TestClock Clock { get; private set; } = new(TestClock.DefaultNow);

    public string HistoryDirectory => _history.Path;

    /// <summary>The kubeconfig cluster name, under which history is filed.</summary>
    public string ManagementClusterName { get; private set; } = string.Empty;

    public string Uid(string ns, string name) => (string)Store.Get(ResourceType.ClusterDeployment, ns, name)!["metadata"]!["uid"]!;

    public async Task InitializeAsync()
    {
        _handle = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        Handle.WriteKubeconfig(KubeconfigPath);
        Handle.WriteKubeconfig(ReadOnlyKubeconfigPath, readOnly: true);
        ClearSeededWorld();
        ManagementClusterName = KubeconfigResolver.Resolve(KubeconfigPath, null, null, _ => null).ClusterName;
        Store.Create(ResourceType.Namespace, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = OtherNs } }, Manager);
        var clusters = CreateClusters();
        var first = clusters.Min(c => DateTimeOffset.Parse((string)c["metadata"]!["creationTimestamp"]!, CultureInfo.InvariantCulture));
        Clock = new TestClock(first + TimeSpan.FromDays(3) + TimeSpan.FromMinutes(30));
        SeedTemplates();
        SeedCredentials();
        SeedStatuses();
        SeedSecretAndEvents();
    }

    public async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
            _handle = null;
        }
    }

    public void Dispose()
    {
        _history.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs childctl against this sandbox with the fixed clock and a private history folder.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => RunAsync(terminal: false, noColorVariable: null, args);

    /// <summary>Runs with stdout on a terminal or not, and with NO_COLOR set to the given value (null: unset).</summary>
    internal Task<CliResult> RunAsync(bool terminal, string? noColorVariable, params string[] args)
    {
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = KubeconfigPath, ["CHILDCTL_HISTORY_DIR"] = HistoryDirectory, ["HOME"] = HistoryDirectory };
        if (noColorVariable is not null)
        {
            env["NO_COLOR"] = noColorVariable;
        }

        return new TestCli(env) { Time = Clock, StdoutIsTerminal = terminal }.RunAsync(args);
    }

    private List<JsonObject> CreateClusters() =>
    [
        CreateCluster(Ns, "clusterdeployment-01-created.yaml", "azure-westeu-new", c => c["spec"]!["config"]!["location"] = "westeurope"),
        CreateCluster(Ns, "clusterdeployment-02-provisioning.yaml", "azure-eastus-dev"),
        CreateCluster(Ns, "clusterdeployment-03-ready.yaml", "aws-uswest2-prod"),
        CreateCluster(Ns, "clusterdeployment-04-failed.yaml", "aws-uswest2-test"),
        CreateCluster(Ns, "clusterdeployment-05-deleting.yaml", "gcp-useast4-stage"),
        CreateCluster(Ns, "clusterdeployment-03-ready.yaml", "aws-useast1-stale", c => c["spec"]!["config"]!["region"] = "us-east-1"),
        CreateCluster(Ns, "clusterdeployment-03-ready.yaml", "azure-dryrun", c =>
        {
            c["spec"]!["dryRun"] = true;
            c["spec"]!["template"] = "azure-standalone-cp-1-0-45";
            c["spec"]!["config"] = Example("clusterdeployment-01-created.yaml")["spec"]!["config"]!.DeepClone();
        }),
        CreateCluster(OtherNs, "clusterdeployment-03-ready.yaml", "gcp-team-b", c =>
        {
            c["spec"]!["template"] = "gcp-standalone-cp-1-0-43";
            c["spec"]!["config"] = Example("clusterdeployment-05-deleting.yaml")["spec"]!["config"]!.DeepClone();
        }),
    ];

    private JsonObject CreateCluster(string ns, string example, string name, Action<JsonObject>? change = null)
    {
        var obj = Example(example);
        obj.Remove("status");
        var metadata = obj["metadata"]!.AsObject();
        foreach (var field in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            metadata.Remove(field);
        }

        metadata["name"] = name;
        metadata["namespace"] = ns;
        change?.Invoke(obj);
        return Store.Create(ResourceType.ClusterDeployment, obj, Manager);
    }

    /// <summary>The sandbox seeds its own templates, chains and credentials; this world is made only of the examples.</summary>
    private void ClearSeededWorld()
    {
        var seeded = new[]
        {
            ResourceType.ClusterDeployment, ResourceType.ClusterTemplate, ResourceType.ClusterTemplateChain, ResourceType.Credential, ResourceType.Event, ResourceType.Secret,
        };
        foreach (var type in seeded)
        {
            foreach (var obj in Store.List(type, null))
            {
                var metadata = obj["metadata"]!.AsObject();
                if (metadata["finalizers"] is JsonArray { Count: > 0 })
                {
                    metadata.Remove("finalizers");
                    Store.Update(type, obj, Manager);
                }

                if (Store.Get(type, (string?)metadata["namespace"], (string)metadata["name"]!) is not null)
                {
                    Store.Delete(type, (string?)metadata["namespace"], (string)metadata["name"]!);
                }
            }
        }
    }

    internal static JsonObject Example(string file) => YamlJson.LoadFile(Path.Combine(RepoPaths.K0rdentFixtures, file));
}
