using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public sealed class KubeconfigResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("childctl-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Resolve_WhenNoContextIsNamed_UsesTheCurrentOneAndItsNamespace()
    {
        var path = Write("a", Kubeconfig("mgmt-a", "https://10.0.0.4:6443", "team-a"));

        var cluster = KubeconfigResolver.Resolve(path, null, null, Env());

        Assert.Equal("ctx-mgmt-a", cluster.ContextName);
        Assert.Equal("mgmt-a", cluster.ClusterName);
        Assert.Equal("https://10.0.0.4:6443", cluster.Server);
        Assert.Equal("team-a", cluster.DefaultNamespace);
    }

    [Fact]
    public void Resolve_WhenTheContextHasNoNamespace_FallsBackToKcmSystem()
    {
        var path = Write("a", Kubeconfig("mgmt-a", "https://10.0.0.4:6443", null));

        Assert.Equal("kcm-system", KubeconfigResolver.Resolve(path, null, null, Env()).DefaultNamespace);
    }

    [Fact]
    public void Resolve_WhenANamespaceIsGiven_UsesIt()
    {
        var path = Write("a", Kubeconfig("mgmt-a", "https://10.0.0.4:6443", "team-a"));

        Assert.Equal("other", KubeconfigResolver.Resolve(path, null, "other", Env()).DefaultNamespace);
    }

    [Fact]
    public void Resolve_WhenKubeconfigListsSeveralFiles_MergesThemFirstFileWinning()
    {
        var first = Write("first", Kubeconfig("mgmt-a", "https://first:6443", null));
        var second = Write("second", Kubeconfig("mgmt-b", "https://second:6443", null));
        var env = Env(("KUBECONFIG", $"{first}:{Path.Combine(_dir, "missing")}:{second}"));

        Assert.Equal("https://first:6443", KubeconfigResolver.Resolve(null, null, null, env).Server);
        Assert.Equal("https://second:6443", KubeconfigResolver.Resolve(null, "ctx-mgmt-b", null, env).Server);
    }

    [Fact]
    public void Resolve_WhenTheContextIsUnknown_IsInvalidInputListingTheAvailableOnes()
    {
        var path = Write("a", Kubeconfig("mgmt-a", "https://10.0.0.4:6443", null));

        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(path, "nope", null, Env()));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("\"nope\" not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("ctx-mgmt-a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenTheFileIsMissing_IsInvalidInputNamingIt()
    {
        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(Path.Combine(_dir, "none"), null, null, Env()));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("none does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenThereIsNoKubeconfigAnywhere_SaysWhatToDo()
    {
        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(null, null, null, Env(("HOME", _dir))));

        Assert.Contains("--kubeconfig", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenTheFileIsGarbage_IsInvalidInput()
    {
        var path = Write("junk", "\u0001\u0002 this: [is not: a kubeconfig");

        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(path, null, null, Env()));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Kubeconfig(string cluster, string server, string? ns) => $"""
        apiVersion: v1
        kind: Config
        current-context: ctx-{cluster}
        clusters:
        - name: {cluster}
          cluster:
            server: {server}
            insecure-skip-tls-verify: true
        contexts:
        - name: ctx-{cluster}
          context:
            cluster: {cluster}
            user: admin-{cluster}
        {(ns is null ? "" : "    namespace: " + ns)}
        users:
        - name: admin-{cluster}
          user:
            token: abc
        """;
}
