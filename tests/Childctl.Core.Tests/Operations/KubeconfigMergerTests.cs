using Childctl.Core.Operations.Kubeconfig;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Tests.Operations;

public class KubeconfigMergerTests
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

    [Fact]
    public void Merge_WhenTheTargetHasOtherEntries_AddsAContextNamedAfterTheClusterAndKeepsEverythingElse()
    {
        var merged = Parse(KubeconfigMerger.Merge(Existing, Child, "dev-1"));

        Assert.Equal("mgmt", Scalar(merged, "current-context"));
        Assert.Equal(["mgmt", "dev-1"], Names(merged, "contexts"));
        Assert.Equal(["mgmt", "dev-1"], Names(merged, "clusters"));
        Assert.Equal(["me", "dev-1-admin"], Names(merged, "users"));
        Assert.Contains("keep-me", KubeconfigMerger.Merge(Existing, Child, "dev-1"), StringComparison.Ordinal);
        Assert.Contains("namespace: kcm-system", KubeconfigMerger.Merge(Existing, Child, "dev-1"), StringComparison.Ordinal);
        Assert.Contains("preferences", KubeconfigMerger.Merge(Existing, Child, "dev-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_WhenDoneTwice_ReplacesTheEntriesInsteadOfAddingMore()
    {
        var once = KubeconfigMerger.Merge(Existing, Child, "dev-1");
        var twice = Parse(KubeconfigMerger.Merge(once, Child.Replace("10.1.2.3", "10.9.9.9", StringComparison.Ordinal), "dev-1"));

        Assert.Equal(["mgmt", "dev-1"], Names(twice, "clusters"));
        var cluster = (YamlMappingNode)((YamlSequenceNode)twice.Children["clusters"]).Children[1];
        Assert.Equal("https://10.9.9.9:6443", ((YamlScalarNode)((YamlMappingNode)cluster.Children["cluster"]).Children["server"]).Value);
    }

    [Fact]
    public void Merge_WhenThereIsNoTarget_MakesAConfigWhoseCurrentContextIsTheCluster()
    {
        var merged = Parse(KubeconfigMerger.Merge(null, Child, "dev-1"));

        Assert.Equal("dev-1", Scalar(merged, "current-context"));
        Assert.Equal(["dev-1"], Names(merged, "contexts"));
    }

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
