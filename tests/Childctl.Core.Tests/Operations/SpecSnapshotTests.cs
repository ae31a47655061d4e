using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations;

namespace Childctl.Core.Tests.Operations;

public sealed class SpecSnapshotTests
{
    [Fact]
    public void Of_WhenTheConfigHasArraysAndEmptyObjects_FlattensItKeepingThemAsJson()
    {
        using var doc = JsonDocument.Parse("""
            {"metadata":{"name":"c","namespace":"n","uid":"u","generation":4,"creationTimestamp":"2026-09-01T10:00:00Z"},
             "spec":{"template":"t","credential":"cred","dryRun":false,
                     "config":{"region":"us-west-2","workersNumber":3,"publicIP":true,"worker":{"instanceType":"t3.small"},
                               "clusterNetwork":{"pods":{"cidrBlocks":["10.0.0.0/16", "10.1.0.0/16"]}},"clusterLabels":{}}}}
            """);
        var cluster = ClusterDeploymentReader.Read(doc.RootElement);

        var snapshot = SpecSnapshot.AddTo(new Dictionary<string, string> { ["template"] = "asked" }, cluster);

        Assert.Equal(new Dictionary<string, string>
        {
            ["template"] = "asked",
            ["generation"] = "4",
            ["created_at"] = "2026-09-01T10:00:00Z",
            ["spec.template"] = "t",
            ["spec.credential"] = "cred",
            ["spec.config.region"] = "us-west-2",
            ["spec.config.workersNumber"] = "3",
            ["spec.config.publicIP"] = "true",
            ["spec.config.worker.instanceType"] = "t3.small",
            ["spec.config.clusterNetwork.pods.cidrBlocks"] = "[\"10.0.0.0/16\",\"10.1.0.0/16\"]",
            ["spec.config.clusterLabels"] = "{}",
            ["metadata.labels"] = "{}",
            ["metadata.annotations"] = "{}",
        }, snapshot);
        Assert.Equal(4, SpecSnapshot.Generation(snapshot));
        Assert.Equal(10, SpecSnapshot.From(snapshot).Count);
    }

    [Fact]
    public void Of_WhenTheObjectHasLabelsAndAnnotations_KeepsThoseTheOperatorOwns()
    {
        using var doc = JsonDocument.Parse("""
            {"metadata":{"name":"c","namespace":"n","uid":"u","generation":1,
                         "labels":{"team":"blue","k0rdent.mirantis.com/component":"kcm"},
                         "annotations":{"owner":"ops","childctl.dev/operation":"01J","kubectl.kubernetes.io/last-applied-configuration":"{}"}},
             "spec":{"template":"t","config":{}}}
            """);

        var snapshot = SpecSnapshot.Of(ClusterDeploymentReader.Read(doc.RootElement));

        Assert.Equal("blue", snapshot["metadata.labels.team"]);
        Assert.Equal("ops", snapshot["metadata.annotations.owner"]);
        Assert.DoesNotContain(snapshot.Keys, k => k.Contains("k0rdent.mirantis.com/component", StringComparison.Ordinal) || k.Contains("childctl.dev", StringComparison.Ordinal) || k.Contains("last-applied", StringComparison.Ordinal));
    }
}
