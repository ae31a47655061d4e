using System.Text.RegularExpressions;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// The headers every request carries, seen by a header-logging stub, side by side with what the real kubectl sends for
/// the same kubeconfig: Impersonate-* from the kubeconfig and the flags, gzip, and a User-Agent naming childctl.
/// </summary>
public sealed partial class RequestHeaderTests : IAsyncDisposable
{
    private readonly StubApi _stub = new();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Get_WhenTheKubeconfigUserImpersonates_SendsTheHeadersKubectlSends()
    {
        var kubeconfig = _stub.Kubeconfig("token: t\nas: readonly-operator\nas-groups: [viewers]\nas-uid: u-42\nas-user-extra: {scopes.example.com/Team: [blue]}");

        var ours = await _stub.ChildctlGetAsync(kubeconfig);
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Equal(0, kubectl.ExitCode);
        var kubectlRequest = Assert.Single(theirs);
        foreach (var header in new[] { "Impersonate-User", "Impersonate-Group", "Impersonate-Uid", "Impersonate-Extra-Scopes.example.com%2fteam" })
        {
            Assert.Equal(kubectlRequest.Headers(header), ours.Headers(header));
        }

        Assert.Equal(["readonly-operator"], ours.Headers("Impersonate-User"));
        Assert.Equal(["viewers"], ours.Headers("Impersonate-Group"));
        Assert.Equal(["u-42"], ours.Headers("Impersonate-Uid"));
        Assert.Equal(["blue"], ours.Headers("Impersonate-Extra-scopes.example.com%2FTeam"));
    }

    [Fact]
    public async Task Get_WhenTheFlagsImpersonate_OverrideTheKubeconfigAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig("token: t\nas: readonly-operator\nas-groups: [viewers]");

        var ours = await _stub.ChildctlGetAsync(kubeconfig, Impersonation.None with { User = "alice" });
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig, null, "--as=alice");

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Equal(["alice"], ours.Headers("Impersonate-User"));
        Assert.Equal(Assert.Single(theirs).Headers("Impersonate-User"), ours.Headers("Impersonate-User"));
        Assert.Equal(Assert.Single(theirs).Headers("Impersonate-Group"), ours.Headers("Impersonate-Group"));
    }

    [Fact]
    public async Task Get_WhenAGroupIsImpersonatedWithoutAUser_IsRefusedWithKubectlsWordsAndSendsNothing()
    {
        var kubeconfig = _stub.Kubeconfig("token: t\nas-groups: [viewers]");

        var error = await Assert.ThrowsAsync<KubernetesException>(() => _stub.ChildctlGetAsync(kubeconfig));
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("requesting uid, groups or user-extra for u without impersonating a user", error.Message, StringComparison.Ordinal);
        Assert.Contains("requesting uid, groups or user-extra for u without impersonating a user", kubectl.StdErr, StringComparison.Ordinal);
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Empty(theirs);
        Assert.Empty(_stub.ApiRequests);
    }

    [Fact]
    public async Task Get_WhenSeveralGroupsAndExtraValuesAreImpersonated_SendsOneHeaderLinePerValueAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig("token: t\nas: bob\nas-groups: [viewers, auditors, \"a, b\"]\nas-user-extra: {scopes: [view, edit], Team%x: [blue, green]}");

        var ours = await _stub.ChildctlGetAsync(kubeconfig);
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Equal(0, kubectl.ExitCode);
        var kubectlRequest = Assert.Single(theirs);
        Assert.Equal(["viewers", "auditors", "a, b"], kubectlRequest.Headers("Impersonate-Group"));
        Assert.Equal(["view", "edit"], kubectlRequest.Headers("Impersonate-Extra-Scopes"));
        Assert.Equal(["blue", "green"], kubectlRequest.Headers("Impersonate-Extra-Team%25x"));
        foreach (var header in new[] { "Impersonate-User", "Impersonate-Group", "Impersonate-Extra-Scopes", "Impersonate-Extra-Team%25x" })
        {
            Assert.Equal(kubectlRequest.Headers(header), ours.Headers(header));
        }

        Assert.DoesNotContain("X-Childctl-", ours.Head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_WhenTheGroupFlagIsRepeated_SendsEachGroupOnItsOwnLineAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig("token: t\nas: readonly-operator\nas-groups: [viewers]");

        var ours = await _stub.ChildctlGetAsync(kubeconfig, Impersonation.None with { User = "alice", Groups = ["ops", "oncall"] });
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig, null, "--as=alice", "--as-group=ops", "--as-group=oncall");

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Equal(["ops", "oncall"], ours.Headers("Impersonate-Group"));
        Assert.Equal(Assert.Single(theirs).Headers("Impersonate-Group"), ours.Headers("Impersonate-Group"));
        Assert.Equal(Assert.Single(theirs).Headers("Impersonate-User"), ours.Headers("Impersonate-User"));
    }

    [Fact]
    public async Task Get_Always_AsksForGzipAsKubectlDoesAndDecodesIt()
    {
        _stub.Server.Gzip = true;
        var kubeconfig = _stub.Kubeconfig();
        using var api = new ApiClient(KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null), new ApiOptions { MaxReadRetries = 0 });

        var thing = await api.GetAsync(TestKinds.ClusterDeployment, "ns", "x", CancellationToken.None);
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Equal("u-1", thing.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal("gzip", _stub.Server.Requests.Last(r => !r.Head.Contains("/version", StringComparison.Ordinal)).Header("Accept-Encoding"));
        Assert.Equal("gzip", Assert.Single(theirs).Header("Accept-Encoding"));
        Assert.Contains("\"uid\":\"u-1\"", kubectl.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenTheClusterDisablesCompression_DoesNotAskForGzip()
    {
        var seen = await _stub.ChildctlGetAsync(_stub.Kubeconfig(cluster: "disable-compression: true"));

        Assert.Null(seen.Header("Accept-Encoding"));
    }

    [Fact]
    public async Task Get_Always_SendsAUserAgentNamingChildctlVersionAndPlatformAsKubectlNamesItself()
    {
        var kubeconfig = _stub.Kubeconfig();

        var ours = await _stub.ChildctlGetAsync(kubeconfig);
        var (_, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Matches(UserAgentShape(), ours.Header("User-Agent"));
        Assert.StartsWith("childctl/", ours.Header("User-Agent"), StringComparison.Ordinal);
        Assert.StartsWith("kubectl", Assert.Single(theirs).Header("User-Agent"), StringComparison.Ordinal);
        Assert.Contains($"({(OperatingSystem.IsLinux() ? "linux" : "darwin")}/", Assert.Single(theirs).Header("User-Agent"), StringComparison.Ordinal);
        Assert.Contains($"({(OperatingSystem.IsLinux() ? "linux" : "darwin")}/", ours.Header("User-Agent"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^childctl/[0-9A-Za-z.+\-]+ \((linux|darwin|windows)/(amd64|arm64|386|arm)\)$")]
    private static partial Regex UserAgentShape();
}
