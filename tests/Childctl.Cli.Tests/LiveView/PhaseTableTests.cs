using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// One table of phase-and-readiness cases (REFERENCE.md §5 and §8, and docs/commands.md "Phase and readiness"), each
/// stored as a ClusterDeployment in a sandbox whose controller is off, and every case checked in the output of each
/// command that states it: list (PHASE, READY), status (Phase, Ready), watch (the phase of each line), the delete plan
/// (PHASE) and wait (how it ends). One rule, so one answer per case everywhere.
/// </summary>
public sealed partial class PhaseTableTests(PhaseTableTests.World world) : IClassFixture<PhaseTableTests.World>
{
    /// <summary>Name, what the object says, the phase, READY, and the exit code of <c>wait NAME</c>.</summary>
    public static readonly (string Name, string Phase, bool Ready, int WaitExit)[] Cases =
    [
        ("no-status", "Provisioning", false, 6),
        ("ready", "Ready", true, 0),
        ("early-ready", "Provisioning", false, 6),
        ("helm-failed", "Failed", false, 7),
        ("capi-progressing", "Provisioning", false, 6),
        ("ready-unknown", "Provisioning", false, 6),
        ("deleting", "Deleting", false, 7),
        ("dry-run-valid", "DryRun", false, 0),
        ("dry-run-invalid", "DryRun", false, 7),
        ("stale-ready", "Provisioning", false, 6),
        ("stale-failure", "Provisioning", false, 6),
        ("condition-lags", "Provisioning", false, 6),
        ("paused", "Failed", false, 7),
    ];

    [Fact]
    public async Task List_ForEveryCase_ShowsThePhaseAndReadyOfTheRule()
    {
        var result = await world.Cli().RunAsync("list");

        Assert.Equal(0, result.ExitCode);
        var rows = Rows(result.Stdout).ToDictionary(r => r[0], r => (Phase: r[1], Ready: r[2]));
        Assert.All(Cases, c => Assert.Equal((c.Name, c.Phase, c.Ready ? "True" : "False"), (c.Name, rows[c.Name].Phase, rows[c.Name].Ready)));
    }

    [Fact]
    public async Task Status_ForEveryCase_ShowsThePhaseAndReadyOfTheRule()
    {
        foreach (var c in Cases)
        {
            var result = await world.Cli().RunAsync("status", c.Name);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal((c.Name, c.Phase, c.Ready ? "True" : "False"), (c.Name, Field(result.Stdout, "Phase"), Field(result.Stdout, "Ready")));
        }
    }

    [Fact]
    public async Task Watch_ForEveryCase_ShowsThePhaseOfTheRule()
    {
        var cli = world.Cli();
        cli.Timeout = TimeSpan.FromSeconds(4);

        var result = await cli.RunAsync("watch");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(Cases, c => Assert.Contains(lines, l => l.Contains($" kcm-system/{c.Name} {c.Phase} ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DeletePlan_ForEveryCase_ShowsThePhaseOfTheRule()
    {
        var result = await world.Cli().RunAsync("delete", "--all", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var rows = Rows(result.Stdout).Where(r => r.Length > 3).ToDictionary(r => r[1], r => r[3]);
        Assert.All(Cases, c => Assert.Equal((c.Name, c.Phase), (c.Name, rows[c.Name])));
    }

    [Fact]
    public async Task AuditJson_ForEveryCase_CarriesThePhaseAndReadyOfTheRule()
    {
        var result = await world.Cli().RunAsync("audit", "-o", "json");

        using var doc = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var items = doc.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => (Phase: i.GetProperty("phase").GetString(), Ready: i.GetProperty("ready").GetBoolean()));
        Assert.All(Cases, c => Assert.Equal((c.Name, c.Phase, c.Ready), (c.Name, items[c.Name].Phase, items[c.Name].Ready)));
    }

    [Fact]
    public async Task Wait_ForEveryCase_EndsAsTheRuleSaysAndRecordsReadyOnlyWhenReady()
    {
        var runs = Cases.Select(async c =>
        {
            var cli = world.Cli(TimeProvider.System);
            return (c, await cli.RunAsync("wait", c.Name, "--timeout", "2s"), cli.HistoryText(c.Name));
        });

        foreach (var (c, result, history) in await Task.WhenAll(runs))
        {
            Assert.Equal((c.Name, c.WaitExit), (c.Name, result.ExitCode));
            Assert.Equal((c.Name, c.Ready), (c.Name, history.Contains("action: observed_ready", StringComparison.Ordinal)));
        }
    }

    private static IEnumerable<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => Columns().Split(l.Trim()));

    private static string Field(string text, string name) =>
        Regex.Match(text, $"^{name}:\\s+(\\w+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : $"<no {name}>";

    [GeneratedRegex(" {2,}")]
    private static partial Regex Columns();

    /// <summary>A sandbox with the controller off and one ClusterDeployment per case, in <c>kcm-system</c>.</summary>
    public sealed class World : IAsyncLifetime, IDisposable
    {
        private const string Ns = "kcm-system";
        private readonly TempDirectory _directory = new("childctl-phase-table");
        private SandboxHandle? _handle;

        private ObjectStore Store => _handle!.Store;

        private string Kubeconfig => _directory.Combine("kubeconfig");

        public TestCli Cli(TimeProvider? time = null)
        {
            var home = _directory.Combine($"home-{Guid.NewGuid():N}");
            var cli = TestCli.InHome(home, Kubeconfig);
            cli.Time = time ?? new TestClock(DateTimeOffset.UtcNow);
            return cli;
        }

        public async Task InitializeAsync()
        {
            _handle = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
            _handle.WriteKubeconfig(Kubeconfig);
            const string ready = "clusterdeployment-03-ready.yaml";
            Seed("no-status", ready, status: null);
            Seed("ready", ready);
            Seed("early-ready", ready, change: s => Remove(s, "HelmReleaseReady", "CAPIClusterSummary"));
            Seed("helm-failed", "clusterdeployment-04-failed.yaml");
            Seed("capi-progressing", "clusterdeployment-02-provisioning.yaml");
            Seed("ready-unknown", ready, change: s => Set(Condition(s, "Ready"), "Unknown", "Progressing", string.Empty));
            Seed("deleting", "clusterdeployment-05-deleting.yaml", deleting: true);
            Seed("dry-run-valid", ready, dryRun: true, change: s => Remove(s, "HelmReleaseReady", "CAPIClusterSummary"));
            Seed("dry-run-invalid", "clusterdeployment-04-failed.yaml", dryRun: true);
            Seed("stale-ready", ready, specChangedAfter: true);
            Seed("stale-failure", "clusterdeployment-04-failed.yaml", specChangedAfter: true);
            Seed("condition-lags", ready, specChangedAfter: true, afterChange: s =>
            {
                s["observedGeneration"] = 2;
                Condition(s, "Ready")["observedGeneration"] = 2;
            });
            Seed("paused", ready, change: s =>
            {
                Set(Condition(s, "Ready"), "False", "Failed", "Related Region eu is paused");
                s["conditions"]!.AsArray().Add(new JsonObject { ["type"] = "Paused", ["status"] = "True", ["reason"] = "Paused", ["message"] = "Related Region eu is paused" });
            });
        }

        public async Task DisposeAsync()
        {
            if (_handle is not null)
            {
                await _handle.DisposeAsync();
            }
        }

        public void Dispose() => _directory.Dispose();

        private void Seed(string name, string example, string? status = "", bool dryRun = false, bool deleting = false, bool specChangedAfter = false,
            Action<JsonObject>? change = null, Action<JsonObject>? afterChange = null)
        {
            var obj = LiveViewSandbox.Example(example);
            var fromExample = obj["status"]?.DeepClone().AsObject();
            obj.Remove("status");
            var metadata = obj["metadata"]!.AsObject();
            foreach (var field in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers" })
            {
                metadata.Remove(field);
            }

            metadata["name"] = name;
            metadata["namespace"] = Ns;
            metadata["finalizers"] = new JsonArray("k0rdent.mirantis.com/cluster-deployment");
            obj["spec"]!["dryRun"] = dryRun;
            var stored = Store.Create(ResourceType.ClusterDeployment, obj, "phase-table");
            if (status is not null && fromExample is not null)
            {
                change?.Invoke(fromExample);
                stored["status"] = fromExample;
                stored = Store.UpdateStatus(ResourceType.ClusterDeployment, stored, "manager");
            }

            if (specChangedAfter)
            {
                stored["spec"]!["config"]!["workersNumber"] = 7;
                stored = Store.Update(ResourceType.ClusterDeployment, stored, "kubectl-edit");
                if (afterChange is not null)
                {
                    afterChange(stored["status"]!.AsObject());
                    stored = Store.UpdateStatus(ResourceType.ClusterDeployment, stored, "manager");
                }
            }

            if (deleting)
            {
                Store.Delete(ResourceType.ClusterDeployment, Ns, name);
            }
        }

        private static JsonObject Condition(JsonObject status, string type) =>
            status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!.AsObject();

        private static void Set(JsonObject condition, string status, string reason, string message)
        {
            condition["status"] = status;
            condition["reason"] = reason;
            condition["message"] = message;
        }

        private static void Remove(JsonObject status, params string[] types)
        {
            var conditions = status["conditions"]!.AsArray();
            foreach (var c in conditions.Where(c => types.Contains((string?)c!["type"])).ToList())
            {
                conditions.Remove(c);
            }
        }
    }
}
