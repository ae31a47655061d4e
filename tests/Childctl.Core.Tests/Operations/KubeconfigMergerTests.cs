using Childctl.Core.Operations.Kubeconfig;
using Childctl.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Tests.Operations;

public sealed class KubeconfigMergerTests : IDisposable
{
    internal const string Child = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: dev-1
          cluster:
            server: https://10.1.2.3:6443
            certificate-authority-data: Q0EK
        users:
        - name: dev-1-admin
          user:
            client-certificate-data: Q0VSVAo=
            client-key-data: S0VZCg==
        contexts:
        - name: dev-1-admin@dev-1
          context:
            cluster: dev-1
            user: dev-1-admin
        current-context: dev-1-admin@dev-1
        """;

    private const string Existing = """
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
        - name: mgmt
          cluster:
            server: https://mgmt:6443
          extensions:
          - name: keep-me
        users:
        - name: me
          user:
            token: abc
        contexts:
        - name: mgmt
          context:
            cluster: mgmt
            user: me
            namespace: kcm-system
        current-context: mgmt
        """;

    private static readonly KubeconfigMerger.Origin Origin = new("mgmt", "kcm-system", "dev-1");

    private readonly Childctl.Testing.TempDirectory _dir = new("childctl-merge");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Merge_WhenTheTargetHasOtherEntries_AddsAContextNamedAfterTheClusterAndKeepsEverythingElse()
    {
        var file = Write("config", Existing);

        var result = await MergeAsync(Files(file));

        var merged = Parse(File.ReadAllText(file));
        Assert.Equal("mgmt", Scalar(merged, "current-context"));
        Assert.Equal(["mgmt", "dev-1"], Names(merged, "contexts"));
        Assert.Equal(["mgmt", "dev-1"], Names(merged, "clusters"));
        Assert.Equal(["me", "dev-1-admin"], Names(merged, "users"));
        Assert.Contains("keep-me", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains("namespace: kcm-system", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains("preferences", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Contains("name: childctl.dev/merged", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.False(result.ContextReplaced);
        Assert.False(File.Exists(file + ".lock"));
    }

    [Fact]
    public async Task Merge_WhenDoneTwice_ReplacesTheEntriesInsteadOfAddingMore()
    {
        var file = Write("config", Existing);
        await MergeAsync(Files(file));

        var again = await MergeAsync(Files(file), Child.Replace("10.1.2.3", "10.9.9.9", StringComparison.Ordinal));

        var twice = Parse(File.ReadAllText(file));
        Assert.True(again.ContextReplaced);
        Assert.Equal(["mgmt", "dev-1"], Names(twice, "clusters"));
        Assert.Contains("https://10.9.9.9:6443", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_WhenTheFirstFileHasNoCurrentContext_LeavesTheCurrentContextAloneUnlessAskedAsKubectlDoes()
    {
        var first = Write("a", "apiVersion: v1\nkind: Config\n");
        var second = Write("b", Existing);
        var files = KubeconfigFiles.For(null, null, Env(first + ":" + second));

        await MergeAsync(files);
        var untouched = CurrentContexts(first, second);
        await MergeAsync(files, use: true);

        Assert.Equal((null, "mgmt"), untouched);
        Assert.Equal((null, "dev-1"), CurrentContexts(first, second)); // set where a current-context was, as client-go does
    }

    [Fact]
    public async Task Merge_WhenAStanzaIsDefinedInALaterFile_ChangesItThereAndAddsNewOnesToTheFirst()
    {
        var first = Write("a", "apiVersion: v1\nkind: Config\ncontexts: [{name: other, context: {cluster: x, user: y}}]\n");
        var second = Write("b", Existing);
        var files = KubeconfigFiles.For(null, null, Env(first + ":" + second));
        await MergeAsync(KubeconfigFiles.For(second, null, Env(null)));

        var result = await MergeAsync(files);

        Assert.Equal(second, result.ContextFile);
        Assert.Equal([second], result.FilesWritten);
        Assert.Equal(["other"], Names(Parse(File.ReadAllText(first)), "contexts"));
    }

    [Fact]
    public async Task Merge_WhenAnEntryOfTheNameWasNotAddedByChildctl_RefusesWithoutForce()
    {
        var file = Write("config", Existing.Replace("name: mgmt\n  context:", "name: dev-1\n  context:", StringComparison.Ordinal));
        var before = File.ReadAllText(file);

        var error = await Assert.ThrowsAsync<Errors.ChildctlException>(() => MergeAsync(Files(file)));

        Assert.Contains("already has a context \"dev-1\" that childctl did not add: pass --force to replace it", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public async Task Merge_WhenTheFileIsLocked_WaitsThenRefusesNamingTheLock()
    {
        var file = Write("config", Existing);
        File.WriteAllText(file + ".lock", string.Empty);

        var error = await Assert.ThrowsAsync<Errors.ChildctlException>(() => MergeAsync(Files(file)));

        Assert.Contains($"kubeconfig {file} is locked ({file}.lock exists)", error.Message, StringComparison.Ordinal);
        Assert.Equal(Existing, File.ReadAllText(file));
        Assert.True(File.Exists(file + ".lock"));
    }

    [Fact]
    public async Task Forget_AfterAMerge_RemovesOnlyWhatTheMergeAdded()
    {
        var file = Write("config", Existing);
        await MergeAsync(Files(file), use: true);

        var result = await MergedKubeconfigs.ForgetAsync(Files(file), "dev-1", CancellationToken.None);
        var again = await MergedKubeconfigs.ForgetAsync(Files(file), "mgmt", CancellationToken.None);

        var left = Parse(File.ReadAllText(file));
        Assert.Equal(3, result.Removed.Count);
        Assert.True(result.WasCurrent);
        Assert.Empty(again.Removed);
        Assert.Equal(["mgmt"], Names(left, "contexts"));
        Assert.Equal(["mgmt"], Names(left, "clusters"));
        Assert.Equal(["me"], Names(left, "users"));
    }

    [Fact]
    public async Task MergedContextsFor_AfterAMerge_FindsTheContextOfThatClusterOnly()
    {
        var file = Write("config", Existing);
        await MergeAsync(Files(file));

        var management = KubeconfigResolver.Resolve(file, null, null, Env(null));
        var viaChild = KubeconfigResolver.Resolve(file, "dev-1", null, Env(null));

        Assert.Equal([new MergedContext("dev-1", file, "kcm-system", "dev-1")], management.MergedContextsFor([("kcm-system", "dev-1")]));
        Assert.Empty(management.MergedContextsFor([("elsewhere", "dev-1")]));
        Assert.Empty(management.MergedContextsFor([("kcm-system", "mgmt")]));
        Assert.Empty(viaChild.MergedContextsFor([("kcm-system", "dev-1")])); // the marker names management cluster mgmt, not dev-1
    }

    private static Task<MergeResult> MergeAsync(KubeconfigFiles files, string child = Child, bool use = false) =>
        MergedKubeconfigs.MergeAsync(files, child, "dev-1", Origin, use, force: false, CancellationToken.None);

    private static KubeconfigFiles Files(string file) => KubeconfigFiles.For(file, null, Env(null));

    private static Func<string, string?> Env(string? kubeconfig) => name => name == "KUBECONFIG" ? kubeconfig : null;

    private string Write(string name, string text)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (string?, string?) CurrentContexts(string first, string second) =>
        (KubeconfigMerger.CurrentContext(Parse(File.ReadAllText(first))), KubeconfigMerger.CurrentContext(Parse(File.ReadAllText(second))));

    private static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value;

    private static List<string?> Names(YamlMappingNode root, string list) =>
        ((YamlSequenceNode)root.Children[list]).Children.Cast<YamlMappingNode>().Select(e => Scalar(e, "name")).ToList();
}
