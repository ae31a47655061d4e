using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Cli.Output;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Output;

public class JsonOutputTests
{
    [Fact]
    public void List_WhenWritten_WrapsItemsInAV1ListKeepingEveryFieldButManagedFields()
    {
        var original = YamlJson.LoadFile(Path.Combine(RepoPaths.K0rdentFixtures, "clusterdeployment-02-provisioning.yaml"));
        var served = original.DeepClone().AsObject();
        served["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kcm" });

        var list = JsonNode.Parse(JsonOutput.List([JsonDocument.Parse(served.ToJsonString()).RootElement]))!;

        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.Equal("List", (string?)list["kind"]);
        Assert.True(JsonNode.DeepEquals(original, list["items"]![0]));
    }

    [Fact]
    public void Object_WhenWritten_IsIndentedLikeKubectlWithFourSpaces()
    {
        var text = JsonOutput.Object(JsonDocument.Parse("""{"a":{"b":"<x>"}}""").RootElement);

        Assert.Equal("{\n    \"a\": {\n        \"b\": \"<x>\"\n    }\n}\n", text);
    }
}
