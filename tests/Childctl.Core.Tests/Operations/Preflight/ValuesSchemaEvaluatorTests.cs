using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Shared.ValuesSchema;

namespace Childctl.Core.Tests.Operations.Preflight;

/// <summary>The keywords of JSON Schema that Helm charts' values schemas use, each shown to catch what it forbids and pass what it allows.</summary>
public class ValuesSchemaEvaluatorTests
{
    private static List<string> Findings(string schema, string values) =>
        new ValuesSchemaEvaluator(JsonNode.Parse(schema)!.AsObject()).Evaluate(JsonNode.Parse(values))
            .Select(f => f.Keys.Count > 0 ? $"{f.Pointer} {f.Keyword} {string.Join(",", f.Keys)}" : $"{f.Pointer} {f.Keyword}").ToList();

    [Theory]
    [InlineData("""{"type": "integer"}""", "3", "")]
    [InlineData("""{"type": "integer"}""", "3.5", " type")]
    [InlineData("""{"type": "number"}""", "3", "")]
    [InlineData("""{"type": ["string", "null"]}""", "null", "")]
    [InlineData("""{"enum": ["a", 1]}""", "1", "")]
    [InlineData("""{"enum": ["a", 1]}""", "\"b\"", " enum")]
    [InlineData("""{"const": {"x": 1}}""", """{"x": 1}""", "")]
    [InlineData("""{"const": {"x": 1}}""", """{"x": 2}""", " const")]
    [InlineData("""{"minimum": 8}""", "8", "")]
    [InlineData("""{"minimum": 8, "exclusiveMinimum": true}""", "8", " exclusiveMinimum")]
    [InlineData("""{"exclusiveMaximum": 10}""", "10", " exclusiveMaximum")]
    [InlineData("""{"maximum": 10}""", "10.5", " maximum")]
    [InlineData("""{"multipleOf": 0.5}""", "1.5", "")]
    [InlineData("""{"multipleOf": 2}""", "3", " multipleOf")]
    [InlineData("""{"minLength": 2}""", "\"é\"", " minLength")]
    [InlineData("""{"maxLength": 1}""", "\"😀\"", "")]
    [InlineData("""{"pattern": "^t3\\."}""", "\"m5.large\"", " pattern")]
    [InlineData("""{"pattern": "large"}""", "\"m5.large\"", "")]
    [InlineData("""{"minItems": 1, "uniqueItems": true}""", "[1, 1]", " uniqueItems")]
    [InlineData("""{"maxItems": 1}""", "[1, 2]", " maxItems")]
    [InlineData("""{"minProperties": 1}""", "{}", " minProperties")]
    public void Evaluate_OneKeyword_FindsExactlyWhatItForbids(string schema, string values, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : [expected], Findings(schema, values));
    }

    [Fact]
    public void Evaluate_Objects_ReportMissingAndUndeclaredKeysAtTheObjectAndCheckEachDeclaredOne()
    {
        const string schema = """
            {"type": "object", "required": ["region", "project"], "additionalProperties": false,
             "properties": {"region": {"type": "string"}, "worker": {"type": "object", "additionalProperties": {"type": "integer"}}},
             "patternProperties": {"^x-": {"type": "boolean"}}}
            """;

        var found = Findings(schema, """{"region": 1, "worker": {"a": 1, "b": "two"}, "x-debug": true, "extra": 1, "other": 2}""");

        Assert.Equal([" required project", "/region type", "/worker/b type", " additionalProperties extra,other"], found);
    }

    [Fact]
    public void Evaluate_Arrays_CheckItemsTuplesAndTheRest()
    {
        Assert.Equal(["/1 type"], Findings("""{"items": {"type": "string"}}""", """["a", 2]"""));
        Assert.Equal(["/0 type", "/2 type"], Findings("""{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}""", """[1, 2, "x"]"""));
        Assert.Equal(["/2 type"], Findings("""{"items": [{"type": "string"}, {}], "additionalItems": {"type": "boolean"}}""", """["a", 1, 2]"""));
    }

    [Fact]
    public void Evaluate_LocalReferences_FollowDefinitionsAndDefs()
    {
        const string schema = """
            {"properties": {"cp": {"$ref": "#/definitions/machine"}, "worker": {"$ref": "#/$defs/machine"}},
             "definitions": {"machine": {"properties": {"rootVolumeSize": {"type": "integer", "minimum": 8}}}},
             "$defs": {"machine": {"$ref": "#/definitions/machine"}}}
            """;

        Assert.Equal(["/cp/rootVolumeSize minimum", "/worker/rootVolumeSize minimum"], Findings(schema, """{"cp": {"rootVolumeSize": 4}, "worker": {"rootVolumeSize": 2}}"""));
    }

    [Fact]
    public void Evaluate_Applicators_CombineSubschemas()
    {
        Assert.Equal(["/a minimum"], Findings("""{"allOf": [{"properties": {"a": {"minimum": 1}}}, {"required": ["a"]}]}""", """{"a": 0}"""));
        Assert.Equal([" anyOf"], Findings("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""", "true"));
        Assert.Empty(Findings("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""", "1"));
        Assert.Equal([" oneOf"], Findings("""{"oneOf": [{"type": "number"}, {"type": "integer"}]}""", "1"));
        Assert.Equal([" not"], Findings("""{"not": {"type": "null"}}""", "null"));
        Assert.Equal([" required vmSize"], Findings("""{"if": {"properties": {"provider": {"const": "azure"}}}, "then": {"required": ["vmSize"]}, "else": {"required": ["instanceType"]}}""", """{"provider": "azure"}"""));
        Assert.Equal([" required instanceType"], Findings("""{"if": {"properties": {"provider": {"const": "azure"}}}, "then": {"required": ["vmSize"]}, "else": {"required": ["instanceType"]}}""", """{"provider": "aws"}"""));
    }

    [Fact]
    public void Evaluate_WrongType_IsReportedAloneAsHelmsLibraryDoes()
    {
        Assert.Equal(["/n type"], Findings("""{"properties": {"n": {"type": "integer", "enum": [1], "minimum": 5}}}""", """{"n": "x"}"""));
    }

    [Theory]
    [InlineData("""{"$ref": "https://example.com/schema.json"}""", "points outside the schema")]
    [InlineData("""{"$ref": "#/definitions/missing"}""", "names no schema")]
    [InlineData("""{"$ref": "#"}""", "nests deeper than")]
    public void Evaluate_UnusableReferences_AreSchemaErrorsNotFindings(string schema, string expected)
    {
        var error = Assert.Throws<JsonException>(() => Findings(schema, "{}"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
