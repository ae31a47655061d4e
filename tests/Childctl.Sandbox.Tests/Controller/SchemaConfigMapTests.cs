using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>
/// The <c>schema-ct-&lt;template&gt;</c> ConfigMaps the template controller publishes, and the controller enforcing the
/// same schema at HelmChartReady as k0rdent's Helm dry run does (defaults coalesced, then checked).
/// </summary>
public sealed class SchemaConfigMapTests
{
    private static readonly ResourceType ConfigMap = ResourceType.ConfigMap;

    private const string Prefix =
        "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n";

    [Fact]
    public async Task EveryValidSeededTemplate_PublishesItsSchema_NamedInItsStatus()
    {
        await using var world = await World.StartAsync();

        foreach (var template in world.Store.List(ResourceType.ClusterTemplate, "kcm-system"))
        {
            var name = template["metadata"]!["name"]!.GetValue<string>();
            var configMap = world.Store.Get(ConfigMap, "kcm-system", "schema-ct-" + name);
            if (!template["status"]!["valid"]!.GetValue<bool>())
            {
                Assert.Null(configMap);
                continue;
            }

            Assert.Equal("schema-ct-" + name, template["status"]!["schemaConfigMapName"]!.GetValue<string>());
            Assert.NotNull(configMap);
            Assert.Equal(template["metadata"]!["uid"]!.GetValue<string>(), configMap["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
            var schema = Schema(configMap);
            Assert.Equal("object", schema["type"]!.GetValue<string>());
            Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task TheAwsSchema_HasTheTemplatesMinimumsRequiredKeysAndDefaults()
    {
        await using var world = await World.StartAsync();

        var schema = Schema(world.Store.Get(ConfigMap, "kcm-system", "schema-ct-aws-standalone-cp-1-0-43")!);

        var properties = schema["properties"]!;
        Assert.Equal(["controlPlaneNumber", "workersNumber", "region"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal((1, 3), (properties["controlPlaneNumber"]!["minimum"]!.GetValue<int>(), properties["controlPlaneNumber"]!["default"]!.GetValue<int>()));
        Assert.Equal((0, 2), (properties["workersNumber"]!["minimum"]!.GetValue<int>(), properties["workersNumber"]!["default"]!.GetValue<int>()));
        Assert.Equal((8, 8), (properties["worker"]!["properties"]!["rootVolumeSize"]!["minimum"]!.GetValue<int>(),
            properties["worker"]!["properties"]!["rootVolumeSize"]!["default"]!.GetValue<int>()));
        Assert.Equal(1, properties["region"]!["minLength"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("workerNumber", "5", "- at '': additional properties 'workerNumber' not allowed")]
    [InlineData("workersNumber", "\"five\"", "- at '/workersNumber': got string, want integer")]
    [InlineData("workersNumber", "-1", "- at '/workersNumber': minimum: got -1, want 0")]
    [InlineData("controlPlaneNumber", "0", "- at '/controlPlaneNumber': minimum: got 0, want 1")]
    [InlineData("controlPlaneNumber", "1.5", "- at '/controlPlaneNumber': got number, want integer")]
    public async Task AConfigTheSchemaRejects_FailsHelmChartReady_WithThePathAndTheRule(string key, string json, string violation)
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Aws("bad").With(c => c.Config()[key] = JsonNode.Parse(json)));

        var cluster = world.Cluster("bad");
        Assert.Equal("False/Failed", cluster.State("HelmChartReady"));
        Assert.Equal(Prefix + "aws-standalone-cp:\n" + violation + "\n", cluster.Message("HelmChartReady"));
    }

    [Fact]
    public async Task NestedViolations_AreAllReported_InPathOrder()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("bad").With(c =>
        {
            c.Config()["k0s"] = new JsonObject { ["arch"] = "sparc" };
            c.Config()["worker"]!["vmSze"] = "Standard_A4_v2";
            c.Config()["location"] = "";
        }));

        Assert.Equal(
            Prefix + "azure-standalone-cp:\n- at '/k0s/arch': value must be one of 'amd64', 'arm64', 'arm'\n- at '/location': minLength: got 0, want 1\n"
            + "- at '/worker': additional properties 'vmSze' not allowed\n",
            world.Cluster("bad").Message("HelmChartReady"));
    }

    [Fact]
    public async Task AUserCreatedTemplate_GetsItsConfigMap_AgainWhenDeleted_AndLosesItWithTheTemplate()
    {
        await using var world = await World.StartAsync();
        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("gcp-standalone-cp-1-0-44", "gcp-standalone-cp", "1.0.44"), "test");
        await world.Running.WhenIdleAsync();
        Assert.NotNull(world.Store.Get(ConfigMap, "kcm-system", "schema-ct-gcp-standalone-cp-1-0-44"));

        world.Store.Delete(ConfigMap, "kcm-system", "schema-ct-gcp-standalone-cp-1-0-44");
        await world.Running.WhenIdleAsync();
        Assert.NotNull(world.Store.Get(ConfigMap, "kcm-system", "schema-ct-gcp-standalone-cp-1-0-44"));

        world.Store.Delete(ResourceType.ClusterTemplate, "kcm-system", "gcp-standalone-cp-1-0-44");
        await world.Running.WhenIdleAsync();
        Assert.Null(world.Store.Get(ConfigMap, "kcm-system", "schema-ct-gcp-standalone-cp-1-0-44"));
    }

    private static JsonObject Schema(JsonObject configMap) => JsonNode.Parse(configMap["data"]!["schema"]!.GetValue<string>())!.AsObject();
}
