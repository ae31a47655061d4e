using System.Text.Json.Nodes;
using Childctl.Testing;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>The templates' published schemas, read as a client would: the ConfigMap the template's status names.</summary>
public sealed class KubectlSchemaConfigMapTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task The_ConfigMap_named_in_a_templates_status_holds_its_JSON_schema()
    {
        var name = await _kubectl.RunAsync("get", "clustertemplate", "aws-standalone-cp-1-0-43", "-o", "jsonpath={.status.schemaConfigMapName}");
        var schema = await _kubectl.RunAsync("get", "configmap", name.StdOut, "-o", "jsonpath={.data.schema}");
        var list = await _kubectl.RunAsync("get", "configmaps", "-l", "k0rdent.mirantis.com/component=kcm", "-o", "name");

        Assert.Equal("schema-ct-aws-standalone-cp-1-0-43", name.StdOut);
        var root = JsonNode.Parse(schema.StdOut)!;
        Assert.Equal(8, root["properties"]!["controlPlane"]!["properties"]!["rootVolumeSize"]!["minimum"]!.GetValue<int>());
        Assert.Equal(7, list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // every valid seeded template; not the broken 1-0-46
    }
}
