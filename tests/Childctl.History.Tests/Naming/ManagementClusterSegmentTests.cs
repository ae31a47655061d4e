using Childctl.History.Storage;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Naming;

public sealed class ManagementClusterSegmentTests
{
    [Theory]
    [InlineData("k0rdent-mgmt")]
    [InlineData("kind-kind")]
    [InlineData("gke_my-project_us-central1_mgmt")]
    [InlineData("mgmt.example.com")]
    public void SafeNames_MapToThemselves(string name) => Assert.Equal(name, ManagementClusterSegment.For(name));

    [Theory]
    [InlineData("arn:aws:eks:us-west-2:123456789012:cluster/mgmt", "arn_aws_eks_us-west-2_123456789012_cluster_mgmt-")]
    [InlineData("..", "mc-")]
    [InlineData("../../etc", "_.._etc-")]
    [InlineData("https://10.0.0.4:6443", "https___10.0.0.4_6443-")]
    public void OtherNames_BecomeOneSafeSegmentWithAHash(string name, string prefix)
    {
        var segment = ManagementClusterSegment.For(name);

        Assert.StartsWith(prefix, segment, StringComparison.Ordinal);
        Assert.True(ManagementClusterSegment.IsSafe(segment));
        Assert.DoesNotContain('/', segment);
        Assert.Equal(segment, ManagementClusterSegment.For(name));
    }

    [Fact]
    public void DifferentNames_ThatSanitiseAlike_GetDifferentSegments() =>
        Assert.NotEqual(ManagementClusterSegment.For("a:b"), ManagementClusterSegment.For("a/b"));

    [Fact]
    public async Task Store_WhenAFolderIsTakenByAnotherCluster_UsesALongerHash()
    {
        using var dir = new TempDirectory("childctl-mc");
        var squatter = ManagementClusterSegment.For("a:b");
        Directory.CreateDirectory(Path.Combine(dir.Path, squatter));
        await File.WriteAllTextAsync(Path.Combine(dir.Path, squatter, ".management-cluster"), "someone-else\n");
        var store = new FileHistoryStore(dir.Path);

        await store.AppendAsync(new HistoryStreamId("a:b", "kcm-system", "c1"), [Events.Note("e1")]);

        var path = store.PathOf(new HistoryStreamId("a:b", "kcm-system", "c1"));
        Assert.StartsWith(Path.Combine(dir.Path, ManagementClusterSegment.For("a:b", 16)), path, StringComparison.Ordinal);
        Assert.Equal(["a:b", "someone-else"], store.ListManagementClusters());
    }
}
