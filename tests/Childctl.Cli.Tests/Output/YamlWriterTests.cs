using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Cli.Output;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Output;

public class YamlWriterTests
{
    public static TheoryData<string> Examples => new(Directory.GetFiles(RepoPaths.K0rdentFixtures, "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void WriteObject_WhenParsedBack_IsTheSameObject(string file)
    {
        var original = YamlJson.LoadFile(Path.Combine(RepoPaths.K0rdentFixtures, file));

        var yaml = Write(w => w.WriteObject(Element(original)));

        Assert.True(JsonNode.DeepEquals(original, YamlJson.Parse(yaml)), yaml);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("1.0.45")]
    [InlineData("42")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData(".inf")]
    [InlineData("2026-09-02T09:14:05Z")]
    [InlineData("a: b")]
    [InlineData("key:")]
    [InlineData("- item")]
    [InlineData("-")]
    [InlineData("#comment")]
    [InlineData("x #y")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("multi\nline\n")]
    [InlineData("tab\there")]
    [InlineData("quote\"and\\back")]
    [InlineData("<none>")]
    [InlineData("@at")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%pct")]
    [InlineData("{a}")]
    [InlineData("[a]")]
    [InlineData("ünïcode ✓")]
    [InlineData("k0rdent.mirantis.com/component")]
    [InlineData("Standard_A4_v2")]
    public void WriteObject_WhenStringsLookLikeOtherTypes_KeepsThemStrings(string value)
    {
        var original = new JsonObject { ["key"] = value, [value] = "as a key" };

        var parsed = YamlJson.Parse(Write(w => w.WriteObject(Element(original))));

        Assert.True(JsonNode.DeepEquals(original, parsed), $"{value} → {parsed?.ToJsonString()}");
    }

    [Fact]
    public void WriteList_WhenWritten_IsAKubectlStyleListWithoutManagedFields()
    {
        var item = new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterDeployment",
            ["metadata"] = new JsonObject { ["name"] = "a", ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl" }) },
            ["spec"] = new JsonObject { ["template"] = "t", ["empty"] = new JsonObject(), ["none"] = new JsonArray() },
        };

        var yaml = Write(w => w.WriteList([Element(item), Element(item)]));

        Assert.Equal(
            """
            apiVersion: v1
            items:
            - apiVersion: k0rdent.mirantis.com/v1beta1
              kind: ClusterDeployment
              metadata:
                name: a
              spec:
                template: t
                empty: {}
                none: []
            - apiVersion: k0rdent.mirantis.com/v1beta1
              kind: ClusterDeployment
              metadata:
                name: a
              spec:
                template: t
                empty: {}
                none: []
            kind: List
            metadata:
              resourceVersion: ""

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void WriteList_WhenEmpty_HasEmptyItems()
    {
        var parsed = YamlJson.Parse(Write(w => w.WriteList([])));

        Assert.Equal("""{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}""", parsed!.ToJsonString());
    }

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    private static string Write(Action<YamlWriter> write)
    {
        var text = new StringBuilder();
        write(new YamlWriter(text));
        return text.ToString();
    }
}
