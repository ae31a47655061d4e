using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Patching;

namespace Childctl.Sandbox.Tests.Api;

public sealed class PatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":{"b":"c","d":"e"}}""", """{"a":{"d":null,"f":1}}""", """{"a":{"b":"c","f":1}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    public void Merge_patch_follows_RFC_7386(string target, string patch, string expected) =>
        Assert.Equal(expected, MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))!.ToJsonString());

    [Theory]
    [InlineData("""[{"op":"add","path":"/b","value":1}]""", """{"a":{"x":[1,2]},"b":1}""")]
    [InlineData("""[{"op":"add","path":"/a/x/1","value":9}]""", """{"a":{"x":[1,9,2]}}""")]
    [InlineData("""[{"op":"add","path":"/a/x/-","value":3}]""", """{"a":{"x":[1,2,3]}}""")]
    [InlineData("""[{"op":"remove","path":"/a/x/0"}]""", """{"a":{"x":[2]}}""")]
    [InlineData("""[{"op":"replace","path":"/a","value":"v"}]""", """{"a":"v"}""")]
    [InlineData("""[{"op":"move","from":"/a/x","path":"/y"}]""", """{"a":{},"y":[1,2]}""")]
    [InlineData("""[{"op":"copy","from":"/a/x","path":"/a/z"}]""", """{"a":{"x":[1,2],"z":[1,2]}}""")]
    [InlineData("""[{"op":"test","path":"/a/x","value":[1,2]}]""", """{"a":{"x":[1,2]}}""")]
    [InlineData("""[{"op":"add","path":"/a~1b","value":1}]""", """{"a":{"x":[1,2]},"a/b":1}""")]
    public void Json_patch_follows_RFC_6902(string ops, string expected)
    {
        var doc = JsonNode.Parse("""{"a":{"x":[1,2]}}""")!;
        Assert.Equal(expected, JsonPatch.Apply(doc, JsonNode.Parse(ops)!.AsArray()).ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a/x","value":[2]}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/missing/deeper","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a/x/5","value":1}]""")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""")]
    public void Failing_json_patch_operations_throw(string ops) =>
        Assert.Throws<JsonPatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":{"x":[1,2]}}""")!, JsonNode.Parse(ops)!.AsArray()));
}
