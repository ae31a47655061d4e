using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// <c>set config</c> and <c>edit</c> (issue 18 point 1), with the controller off so each cluster stays as written:
/// the patch carries exactly the differences, the checks of create refuse a bad value before anything is sent, history
/// records every value before and after, and the next audit counts the change as childctl's own.
/// </summary>
public sealed class ConfigChangeTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task SetConfig_WhenValuesChangeAndOneIsUnset_PatchesRecordsBeforeAndAfterAndAuditIsInStep()
    {
        Ready("cc-set");
        var run = fixture.NewRun();
        var values = Path.Combine(run.Home, "values.yaml");
        await File.WriteAllTextAsync(values, "worker:\n  rootVolumeSize: 40\n");

        var result = await run.RunAsync("set", "config", "cc-set", "workersNumber=3", "--unset", "controlPlane.rootVolumeSize", "-f", values, "--reason", "bigger disks");

        LifecycleGoldenTests.Check("set-config.txt", result);
        var config = fixture.Get("cc-set")["spec"]!["config"]!;
        Assert.Equal(3, config["workersNumber"]!.GetValue<int>());
        Assert.Equal(40, config["worker"]!["rootVolumeSize"]!.GetValue<int>());
        Assert.Null(config["controlPlane"]!["rootVolumeSize"]);
        var recorded = run.HistoryText("cc-set");
        Assert.Contains("action: cluster_config_changed", recorded, StringComparison.Ordinal);
        Assert.Contains("before.spec.config.workersNumber: \"2\", after.spec.config.workersNumber: \"3\"", recorded, StringComparison.Ordinal);
        Assert.Contains("before.spec.config.controlPlane.rootVolumeSize: \"30\", after.spec.config.controlPlane.rootVolumeSize: \"<unset>\"", recorded, StringComparison.Ordinal);
        Assert.Contains("reason: \"bigger disks\"", recorded, StringComparison.Ordinal);
        var audit = await run.RunAsync("audit");
        Assert.DoesNotContain("changed elsewhere", audit.Stdout.Split('\n').Single(l => l.StartsWith("cc-set ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetConfig_WhenAValueBreaksTheSchema_Exits2AndChangesAndRecordsNothing()
    {
        Ready("cc-bad");
        var run = fixture.NewRun();

        var result = await run.RunAsync("set", "config", "cc-bad", "workersNumber=-1", "k0s.arch=sparc");

        LifecycleGoldenTests.Check("set-config-schema.txt", result);
        Assert.Equal(2, fixture.Get("cc-bad")["spec"]!["config"]!["workersNumber"]!.GetValue<int>());
        Assert.Empty(run.HistoryText("cc-bad"));
    }

    [Fact]
    public async Task SetConfig_WhenTheClusterIsFailed_IsAllowedSinceThatIsHowItIsFixed()
    {
        Valid(fixture.Seed("cc-failed", "False", "Failed", DateTimeOffset.UtcNow), "False", "Failed");

        var result = await fixture.NewRun().RunAsync("set", "config", "cc-failed", "location=westus");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("westus", fixture.Get("cc-failed")["spec"]!["config"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetConfig_WhenTheValueIsAlreadySet_ChangesNothing()
    {
        Ready("cc-same");
        var run = fixture.NewRun();

        var result = await run.RunAsync("set", "config", "cc-same", "workersNumber=2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unchanged", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.HistoryText("cc-same"));
    }

    [Theory]
    [InlineData("say what to change", "set", "config", "cc-x")]
    [InlineData("\"oops\" is not KEY=VALUE", "set", "config", "cc-x", "oops")]
    [InlineData("\"spec.config.a\" is not a config key", "set", "config", "cc-x", "spec.config.a=1")]
    public async Task SetConfig_WhenTheInputIsBad_Exits2BeforeAnyCall(string message, params string[] args)
    {
        var result = await fixture.NewRun().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WhenTheEditorChangesTheSpec_PatchesAndRecordsIt()
    {
        Ready("cc-edit");
        var run = Editor(fixture.NewRun(), "s/workersNumber: 2/workersNumber: 5/");

        var result = await run.RunAsync("edit", "cc-edit");

        LifecycleGoldenTests.Check("edit.txt", result);
        Assert.Equal(5, fixture.Get("cc-edit")["spec"]!["config"]!["workersNumber"]!.GetValue<int>());
        Assert.Contains("before.spec.config.workersNumber: \"2\", after.spec.config.workersNumber: \"5\"", run.HistoryText("cc-edit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WhenTheSavedSpecIsRefused_ReopensWithTheReasonThenGivesUpOnTheSameText()
    {
        Ready("cc-edit-bad");
        var run = Editor(fixture.NewRun(), "s/credential: azure-cluster-identity-cred/credential: aws-cluster-credential/");

        var result = await run.RunAsync("edit", "cc-edit-bad");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("edit of ClusterDeployment \"cc-edit-bad\" abandoned, nothing changed: Credential \"aws-cluster-credential\" (identity kind AWSClusterStaticIdentity, for aws) does not fit",
            result.Stderr, StringComparison.Ordinal);
        var second = File.ReadAllText(Path.Combine(run.Home, "seen-2.yaml"));
        Assert.StartsWith("# childctl refused this edit:\n# Credential \"aws-cluster-credential\"", second, StringComparison.Ordinal);
        Assert.Equal("azure-cluster-identity-cred", fixture.Get("cc-edit-bad")["spec"]!["credential"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edit_WhenTheNameIsChanged_IsRefused()
    {
        Ready("cc-edit-name");
        var run = Editor(fixture.NewRun(), "s/name: cc-edit-name/name: other/");

        var result = await run.RunAsync("edit", "cc-edit-name");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("metadata.name cannot be changed here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WhenTheChangeBeforeIsInFlight_RefusesBeforeOpeningTheEditor()
    {
        var cluster = Ready("cc-edit-busy");
        Assert.Equal(2, cluster["metadata"]!["generation"]!.GetValue<long>());
        cluster["spec"]!["config"]!["workersNumber"] = 4;
        fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "kubectl-edit");
        var run = Editor(fixture.NewRun(), "s/workersNumber: 4/workersNumber: 5/");

        var result = await run.RunAsync("edit", "cc-edit-busy");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("still has a change in flight (generation 3", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Home, "seen-1.yaml")));
    }

    /// <summary>An EDITOR that keeps a copy of each file it is shown (seen-N.yaml in HOME) and applies a sed expression.</summary>
    private static TestCli Editor(TestCli run, string sed)
    {
        var script = ExecPluginScript.Write(run.Home, "editor.sh", $"n=$(ls {run.Home} | grep -c '^seen-')\ncp \"$1\" {run.Home}/seen-$((n + 1)).yaml\nsed -i '{sed}' \"$1\"");
        run.Environment["EDITOR"] = script;
        return run;
    }

    /// <summary>A Ready cluster whose spec passes create's checks: the seed's config with the machine sizes azure requires.</summary>
    private JsonObject Ready(string name) => Valid(fixture.Seed(name, "True", "Succeeded", DateTimeOffset.UtcNow), "True", "Succeeded");

    private JsonObject Valid(JsonObject cluster, string ready, string reason)
    {
        var config = cluster["spec"]!["config"]!;
        config["controlPlane"] = new JsonObject { ["vmSize"] = "Standard_A4_v2", ["rootVolumeSize"] = 30 };
        config["worker"] = new JsonObject { ["vmSize"] = "Standard_A4_v2" };
        var updated = fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
        return fixture.SetStatus(updated, ready, reason, DateTimeOffset.UtcNow, updated["metadata"]!["generation"]!.GetValue<long>());
    }
}
