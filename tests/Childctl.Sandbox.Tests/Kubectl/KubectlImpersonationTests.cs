using Childctl.Testing;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>
/// kubectl --as / --as-group / --as-uid against the sandbox's RBAC model: only the admin may impersonate, and the
/// impersonated identity is what authorisation and the self-subject reviews see.
/// </summary>
public sealed class KubectlImpersonationTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Theory]
    [InlineData(new[] { "--as=bob" }, "no")]
    [InlineData(new[] { "--as=bob", "--as-group=childctl:viewers" }, "no")]
    [InlineData(new[] { "--as=bob", "--as-group=childctl:operators" }, "yes")]
    [InlineData(new[] { "--as=bob", "--as-group=system:masters" }, "yes")]
    public async Task Can_i_delete_clusters_answers_what_the_model_says(string[] identity, string answer)
    {
        var r = await _kubectl.RunAsync([.. identity, "auth", "can-i", "delete", "cld"], stdin: null);
        Assert.Equal((answer == "yes" ? 0 : 1, answer + "\n"), (r.ExitCode, r.StdOut));
    }

    [Fact]
    public async Task An_impersonated_viewer_reads_but_its_delete_is_forbidden_in_the_apiservers_words()
    {
        var read = await _kubectl.RunAsync("--as=bob", "--as-group=childctl:viewers", "get", "cld");
        var delete = await _kubectl.RunAsync("--as=bob", "--as-group=childctl:viewers", "delete", "cld", "some-cluster");

        Assert.Equal((0, "No resources found in kcm-system namespace.\n"), (read.ExitCode, read.StdErr));
        Assert.Equal("Error from server (Forbidden): clusterdeployments.k0rdent.mirantis.com \"some-cluster\" is forbidden: User \"bob\" cannot delete resource \"clusterdeployments\" in API group \"k0rdent.mirantis.com\" in the namespace \"kcm-system\"\n",
            delete.StdErr);
    }

    [Fact]
    public async Task A_user_with_no_role_may_not_even_list()
    {
        var r = await _kubectl.RunAsync("--as=bob", "get", "namespaces");
        Assert.Equal("Error from server (Forbidden): namespaces is forbidden: User \"bob\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope\n", r.StdErr);
    }

    [Fact]
    public async Task Whoami_shows_the_impersonated_user_uid_and_groups()
    {
        var r = await _kubectl.RunAsync("--as=bob", "--as-uid=u-1", "--as-group=team-a", "auth", "whoami");
        Assert.Equal("ATTRIBUTE   VALUE\nUsername    bob\nUID         u-1\nGroups      [team-a system:authenticated]\n", r.StdOut);
    }

    [Fact]
    public async Task The_viewer_may_not_impersonate()
    {
        // kubectl get first fails discovery, for which it prints "Error from server (Forbidden): unknown" (as against a
        // real apiserver); a raw request shows the refusal itself.
        var get = await f.ReadOnlyKubectl.RunAsync("--as=bob", "get", "cld");
        var raw = await f.ReadOnlyKubectl.RunAsync("--as=bob", "get", "--raw", "/apis/k0rdent.mirantis.com/v1beta1/namespaces/kcm-system/clusterdeployments");

        Assert.Equal((1, "Error from server (Forbidden): unknown"), (get.ExitCode, get.StdErr.TrimEnd('\n').Split('\n')[^1]));
        Assert.Equal((1, "Error from server (Forbidden): users \"bob\" is forbidden: User \"sandbox-viewer\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope\n"),
            (raw.ExitCode, raw.StdErr));
    }

    [Fact]
    public async Task Can_i_list_shows_the_viewer_rules()
    {
        var r = await _kubectl.RunAsync("--as=bob", "--as-group=childctl:viewers", "auth", "can-i", "--list");
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\*\.\*\s+\[\]\s+\[\]\s+\[get list watch\]$"));
        Assert.DoesNotContain(lines, l => l.Contains("[*]", StringComparison.Ordinal) && l.EndsWith("[*]", StringComparison.Ordinal));
    }
}
