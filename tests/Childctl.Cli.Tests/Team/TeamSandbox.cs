using System.Text.Json;
using Childctl.Cli.Tests.Lifecycle;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Team;

/// <summary>
/// One sandbox with team history enabled (by the admin, as a platform engineer would), and operators who each have
/// their own machine: a HOME and history folder, an OS user and a Kubernetes user with its own token and groups.
/// </summary>
public class TeamSandbox : LifecycleSandbox
{
    public const string Operators = "childctl:operators";
    public const string Viewers = "childctl:viewers";
    public const string TeamNamespace = "childctl-history";

    /// <summary>The admin's shell (system:masters), which enabled team history.</summary>
    public TestCli Admin { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = NewRun();
        var enabled = await Admin.RunAsync("history", "enable-team");
        if (enabled.ExitCode != 0)
        {
            throw new InvalidOperationException("enable-team failed: " + enabled.Stderr);
        }
    }

    /// <summary>A teammate on a machine of their own, as Kubernetes user <paramref name="user"/> in <paramref name="group"/>.</summary>
    public TestCli Teammate(string user, string group = Operators)
    {
        var home = System.IO.Directory.CreateTempSubdirectory($"childctl-{user}-").FullName;
        var kubeconfig = Path.Combine(home, "kubeconfig");
        Handle.WriteUserKubeconfig(kubeconfig, user, group);
        return new TestCli(TestCli.InHome(home, kubeconfig).Environment) { UserName = user };
    }

    /// <summary>Another process on the same machine as <paramref name="machine"/>: the same HOME, history and kubeconfig.</summary>
    public static TestCli SameMachine(TestCli machine) => new(machine.Environment) { UserName = machine.UserName };

    /// <summary>Every event in the team store for one cluster, read with real kubectl: (chunk name, event id, event JSON).</summary>
    public async Task<IReadOnlyList<(string Chunk, string Id, JsonElement Event)>> TeamEventsAsync(string name, string ns = "kcm-system")
    {
        var got = await Kubectl.RunAsync("get", "configmaps", "-n", TeamNamespace, "-l",
            $"childctl.dev/history=series,childctl.dev/cluster-namespace={ns},childctl.dev/cluster-name={name}", "-o", "json");
        if (got.ExitCode != 0)
        {
            throw new InvalidOperationException("kubectl get configmaps failed: " + got.StdErr);
        }

        using var list = JsonDocument.Parse(got.StdOut);
        var events = new List<(string, string, JsonElement)>();
        foreach (var item in list.RootElement.GetProperty("items").EnumerateArray())
        {
            var chunk = item.GetProperty("metadata").GetProperty("name").GetString()!;
            foreach (var entry in item.TryGetProperty("data", out var data) ? data.EnumerateObject() : default)
            {
                events.Add((chunk, entry.Name, JsonDocument.Parse(entry.Value.GetString()!).RootElement.Clone()));
            }
        }

        return events;
    }
}
