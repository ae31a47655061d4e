using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// Whom childctl acts as, through the whole CLI against the sandbox, beside kubectl on the same kubeconfig: a kubeconfig
/// user that impersonates a viewer cannot delete (the defect was that the admin token's full rights applied), the flags
/// impersonate as kubectl's do, history records both identities, and a command that needs no API answer never starts a
/// credential plugin.
/// </summary>
public sealed partial class IdentityCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Delete_WhenTheKubeconfigUserImpersonatesAViewer_IsForbiddenAsForKubectlAndDeletesNothing()
    {
        var admin = fixture.NewRun();
        Assert.Equal(0, (await admin.RunAsync("create", "aws", "as-viewer", "--region", "us-west-2")).ExitCode);
        var kubeconfig = Impersonating(admin.Home, "as: readonly-operator", "as-groups: [childctl:viewers]");
        var viewer = TestCli.InHome(admin.Home, kubeconfig);

        var delete = await viewer.RunAsync("delete", "as-viewer", "--yes");
        var kubectl = await new Kubectl(kubeconfig, Path.Combine(admin.Home, "kube-cache")).RunAsync("delete", "clusterdeployment", "as-viewer", "-n", "kcm-system");

        Assert.True(delete.ExitCode == 4, delete.Stdout + delete.Stderr);
        Assert.Contains("User \"readonly-operator\" cannot ", delete.Stderr + delete.Stdout, StringComparison.Ordinal); // patch (the provenance stamp) comes before delete
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("User \"readonly-operator\" cannot delete resource \"clusterdeployments\"", kubectl.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, (await admin.RunAsync("status", "as-viewer")).ExitCode);
    }

    [Fact]
    public async Task Create_WhenImpersonatingWithTheFlags_RecordsTheImpersonatedUserAndTheRealOne()
    {
        var run = fixture.NewRun();

        var create = await run.RunAsync("--as", "ops-bot", "--as-group", "system:masters", "create", "aws", "as-flags", "--region", "us-west-2");

        Assert.True(create.ExitCode == 0, create.Stderr);
        var history = run.HistoryText("as-flags");
        Assert.Contains("k8s_user: ops-bot", history, StringComparison.Ordinal);
        Assert.Contains("k8s_real_user: sandbox-admin", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenImpersonatingTwoGroupsOfWhichOneMayWrite_IsAllowedAsForKubectlAndRecordsBothIdentities()
    {
        var run = fixture.NewRun();
        string[] identity = ["--as", "bob", "--as-group", "childctl:viewers", "--as-group", "childctl:operators"];

        var create = await run.RunAsync([.. identity, "create", "aws", "as-two-groups", "--region", "us-west-2"]);
        var kubectl = await fixture.Kubectl.RunAsync([.. identity, "auth", "can-i", "create", "clusterdeployments"], stdin: null);
        var viewerOnly = await run.RunAsync("--as", "bob", "--as-group", "childctl:viewers", "create", "aws", "as-one-group", "--region", "us-west-2");

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal((0, "yes\n"), (kubectl.ExitCode, kubectl.StdOut));
        Assert.Equal(4, viewerOnly.ExitCode);
        var history = run.HistoryText("as-two-groups");
        Assert.Contains("k8s_user: bob", history, StringComparison.Ordinal);
        Assert.Contains("k8s_real_user: sandbox-admin", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenAGroupIsImpersonatedWithoutAUser_IsBadUsageBeforeAnyRequest()
    {
        var run = fixture.NewRun();

        var create = await run.RunAsync("--as-group", "viewers", "create", "aws", "as-nouser", "--region", "us-west-2");

        Assert.Equal(2, create.ExitCode);
        Assert.Contains("requesting uid, groups or user-extra for sandbox-admin without impersonating a user", create.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await run.RunAsync("status", "as-nouser")).ExitCode);
    }

    [Fact]
    public async Task Note_WhenTheUserHasAHangingExecPlugin_NeverStartsItAndRecordsTheNote()
    {
        var run = fixture.NewRun();
        var plugin = ExecPluginScript.Write(run.Home, "hang.sh", "echo run >> \"$(dirname \"$0\")/runs\"\nexec sleep 300");
        var text = File.ReadAllText(fixture.KubeconfigPath);
        var kubeconfig = Path.Combine(run.Home, "exec-kubeconfig");
        File.WriteAllText(kubeconfig, TokenLine().Replace(text, $"exec: {{apiVersion: client.authentication.k8s.io/v1, command: {plugin}, interactiveMode: Never}}"));
        var withPlugin = TestCli.InHome(run.Home, kubeconfig);

        var note = await withPlugin.RunAsync("note", "as-note", "kept for the demo");

        Assert.Equal(0, note.ExitCode);
        Assert.Contains("note recorded without a uid: the kubeconfig user of context", note.Stderr, StringComparison.Ordinal);
        Assert.Contains("gets its credential from an exec plugin, which note does not start", note.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Home, "runs")));
        Assert.Contains("kept for the demo", withPlugin.HistoryText("as-note"), StringComparison.Ordinal);
    }

    /// <summary>A copy of the sandbox's admin kubeconfig whose user has these extra lines (as:, as-groups:).</summary>
    private string Impersonating(string home, params string[] lines)
    {
        var text = File.ReadAllText(fixture.KubeconfigPath);
        var token = TokenLine().Match(text);
        var path = Path.Combine(home, "impersonating-kubeconfig");
        File.WriteAllText(path, text.Insert(token.Index + token.Length, string.Concat(lines.Select(l => "\n    " + l))));
        return path;
    }

    [GeneratedRegex("token: [^\\n]+")]
    private static partial Regex TokenLine();
}
