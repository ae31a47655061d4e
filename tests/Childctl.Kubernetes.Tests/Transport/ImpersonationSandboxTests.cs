using System.Text.Json.Nodes;
using Childctl.Kubernetes.Transport;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// Impersonation against the sandbox, which authorises each request as the impersonated user (as the apiserver does):
/// the admin's token acting as a viewer can read but not write, exactly as kubectl with --as/--as-group, and
/// SelfSubjectReview tells both identities apart for history.
/// </summary>
public sealed class ImpersonationSandboxTests(BareSandboxFixture sandbox) : IClassFixture<BareSandboxFixture>
{
    private static readonly Impersonation Viewer = Impersonation.None with { User = "readonly-operator", Groups = ["childctl:viewers"] };

    [Fact]
    public async Task WhoAmI_WhenImpersonating_ReportsTheImpersonatedUserAndTheRealOne()
    {
        using var api = Client(Viewer);

        var identity = await api.WhoAmIAsync(CancellationToken.None);

        Assert.Equal(new ApiIdentity("readonly-operator", "sandbox-admin"), identity);
    }

    [Fact]
    public async Task WhoAmI_WithoutImpersonation_ReportsOnlyTheUser()
    {
        using var api = Client(null);

        Assert.Equal(new ApiIdentity("sandbox-admin", null), await api.WhoAmIAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Write_WhenTheAdminImpersonatesAViewer_IsForbiddenAsForKubectl()
    {
        using var api = Client(Viewer);
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "impersonation-probe" },
        };

        var error = await Assert.ThrowsAsync<KubernetesException>(() => api.CreateAsync(ResourceKind.Secret, "kcm-system", body, serverDryRun: false, CancellationToken.None));
        var kubectl = await sandbox.Kubectl.RunAsync("--as=readonly-operator", "--as-group=childctl:viewers", "create", "secret", "generic", "impersonation-probe", "-n", "kcm-system");
        var list = await api.ListAsync(ResourceKind.Secret, "kcm-system", null, CancellationToken.None);

        Assert.Equal(KubernetesErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("\"readonly-operator\" cannot create resource \"secrets\"", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("\"readonly-operator\" cannot create resource \"secrets\"", kubectl.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(list.Items, s => s.GetProperty("metadata").GetProperty("name").GetString() == "impersonation-probe");
    }

    [Fact]
    public async Task Write_WhenImpersonatingAViewerAndAnOperatorGroup_IsAllowedByEitherGroupAsForKubectl()
    {
        using var api = Client(Impersonation.None with { User = "bob", Groups = ["childctl:viewers", "childctl:operators"] });
        using var joined = Client(Impersonation.None with { User = "bob", Groups = ["childctl:viewers, childctl:operators"] });

        await api.CreateAsync(ResourceKind.Secret, "kcm-system", Secret("two-groups-ours"), serverDryRun: false, CancellationToken.None);
        var kubectl = await sandbox.Kubectl.RunAsync("--as=bob", "--as-group=childctl:viewers", "--as-group=childctl:operators", "create", "secret", "generic", "two-groups-kubectl", "-n", "kcm-system");
        var oneGroup = await Assert.ThrowsAsync<KubernetesException>(() => joined.CreateAsync(ResourceKind.Secret, "kcm-system", Secret("two-groups-joined"), serverDryRun: false, CancellationToken.None));
        var list = await api.ListAsync(ResourceKind.Secret, "kcm-system", null, CancellationToken.None);

        Assert.True(kubectl.ExitCode == 0, kubectl.StdErr);
        Assert.Equal(KubernetesErrorKind.PermissionDenied, oneGroup.Kind);
        var names = list.Items.Select(s => s.GetProperty("metadata").GetProperty("name").GetString()).ToList();
        Assert.Contains("two-groups-ours", names);
        Assert.Contains("two-groups-kubectl", names);
        Assert.DoesNotContain("two-groups-joined", names);
    }

    private static JsonObject Secret(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    private ApiClient Client(Impersonation? flags) =>
        new(KubeconfigResolver.Resolve(sandbox.KubeconfigPath, null, null, _ => null, flags), new ApiOptions { MaxReadRetries = 0 });
}
