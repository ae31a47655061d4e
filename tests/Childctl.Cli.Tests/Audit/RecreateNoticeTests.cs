using System.Text.RegularExpressions;
using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// A recreate (kubectl delete, then kubectl apply of the same name: a new uid) is recognised by whichever childctl command
/// reads the object next, not only by status, history or audit --record: the new incarnation is recorded once, before
/// anything the command records under the new uid, so history reads in the order things happened.
/// </summary>
public sealed partial class RecreateNoticeTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("scale", "cluster_scale_requested")]
    [InlineData("upgrade", "cluster_upgrade_requested")]
    [InlineData("set config", "cluster_config_change_requested")]
    [InlineData("edit", "cluster_config_change_requested")]
    [InlineData("delete", "cluster_delete_requested")]
    [InlineData("wait", "observed_ready")]
    public async Task Command_AfterARecreateWithKubectl_RecordsTheNewIncarnationOnceThenItsOwnEventUnderTheNewUid(string command, string action)
    {
        const string name = "t-again";
        await _world.CreateAsync(name, "--template", "aws-standalone-cp-1-0-42");
        var oldUid = _world.Uid(name);
        await _world.KubectlAsync(null, "delete", "clusterdeployment", name, "-n", Ns, "--timeout=60s");
        await _world.KubectlAsync(Recreated(name), "apply", "-f", "-");
        var newUid = _world.Uid(name);
        if (command == "upgrade")
        {
            await AvailableUpgradesAsync(name);
        }
        else if (command == "edit")
        {
            // edit refuses an object that changed while the editor was open, and the controller writes status until Ready
            await _world.KubectlAsync(null, "wait", "--for=condition=Ready", $"clusterdeployment/{name}", "-n", Ns, "--timeout=60s");
        }

        var result = await _world.Run.RunAsync(Arguments(command, name));
        var status = await _world.Run.RunAsync("status", name);
        var history = await _world.Run.RunAsync("history", name);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        // A deleted cluster may already be gone by the time status looks (exit 3); any other command leaves it there.
        Assert.Contains(status.ExitCode, command == "delete" ? new[] { 0, 3 } : new[] { 0 });
        var events = Events(_world.Run.HistoryText(name));
        Assert.Single(events, e => e.Action == "observed_recreated");
        var recreated = events.FindIndex(e => e.Action == "observed_recreated");
        Assert.Equal(newUid, events[recreated].Uid);
        var own = events.FindIndex(e => e.Action == action);
        Assert.True(own > recreated, $"{action} at {own} comes after observed_recreated at {recreated}");
        Assert.Equal(newUid, events[own].Uid);
        Assert.All(events.Take(recreated).Where(e => e.Uid is not null), e => Assert.Equal(oldUid, e.Uid));
        Assert.Contains($"Incarnation 2 of 2: uid {newUid}\n", history.Stdout, StringComparison.Ordinal);
        Assert.Matches(new Regex($"Incarnation 2 of 2: uid {newUid}\n(?:.*\n)*? *\\S+ +observed_recreated +"), history.Stdout);
    }

    private string[] Arguments(string command, string name)
    {
        switch (command)
        {
            case "scale":
                return ["scale", name, "--workers", "3", "--force"];
            case "upgrade":
                return ["upgrade", name, "--to", "aws-standalone-cp-1-0-43", "--force"];
            case "set config":
                return ["set", "config", name, "workersNumber=3", "--force"];
            case "edit":
                _world.Run.Environment["EDITOR"] = ExecPluginScript.Write(Path.GetDirectoryName(_world.KubeconfigPath)!, "editor.sh",
                    "sed -i 's/workersNumber: 2/workersNumber: 3/' \"$1\"");
                return ["edit", name, "--force"];
            case "delete":
                return ["delete", name, "--yes"];
            default:
                return ["wait", name, "--timeout", "120s"];
        }
    }

    /// <summary>The cluster as someone would apply it again: childctl's create's spec, the machine sizes aws requires included.</summary>
    private static string Recreated(string name) => Manifest(name, template: "aws-standalone-cp-1-0-42")
        + "\n    controlPlane: {instanceType: t3.small}\n    worker: {instanceType: t3.small}\n";

    /// <summary>Until the controller has put the template chain's upgrades in the new object's status (upgrade checks them).</summary>
    private async Task AvailableUpgradesAsync(string name)
    {
        for (var i = 0; i < 600 && _world.Sandbox.Store.Get(ResourceType.ClusterDeployment, Ns, name)?["status"]?["availableUpgrades"] is null; i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The action and uid of every event of a history file, in file order.</summary>
    private static List<(string Action, string? Uid)> Events(string yaml) =>
        EventBlock().Matches(yaml).Select(m => (ActionLine().Match(m.Value).Groups[1].Value, UidLine().Match(m.Value) is { Success: true } u ? u.Groups[1].Value.Trim('"') : null)).ToList();

    [GeneratedRegex(@"(?m)^  - timestamp:(?:.*\n)+?(?=^  - timestamp:|\z)")]
    private static partial Regex EventBlock();

    [GeneratedRegex(@"(?m)^    action: (\S+)")]
    private static partial Regex ActionLine();

    [GeneratedRegex(@"(?m)^    uid: (\S+)")]
    private static partial Regex UidLine();
}
