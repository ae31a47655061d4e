using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Validation;

namespace Childctl.Sandbox.Tests.Api;

public sealed class SchemaTests
{
    private static readonly System.Text.Json.JsonElement Schema = JsonElements.From(JsonNode.Parse("""
        {"type":"object","properties":{
          "spec":{"type":"object","required":["name"],"properties":{
            "name":{"type":"string","maxLength":5,"pattern":"^[a-z]+$"},
            "on":{"type":"boolean","default":true},
            "count":{"type":"integer","minimum":1,"maximum":3},
            "mode":{"type":"string","enum":["A","B"]},
            "labels":{"type":"object","additionalProperties":{"type":"string"}},
            "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "items":{"type":"array","maxItems":1,"items":{"type":"object","properties":{"k":{"type":"string","default":"d"}}}}}}}}
        """)!);

    [Fact]
    public void Pruning_drops_unknown_fields_keeps_preserved_ones_and_applies_defaults()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"x","bogus":1},"spec":{"name":"a","extra":1,"free":{"any":{"thing":1}},"items":[{}],"nothing":null}}""")!.AsObject();
        var pruner = new SchemaPruner();

        pruner.PruneRoot(obj, Schema);

        Assert.Equal(["metadata.bogus", "spec.extra", "spec.nothing"], pruner.UnknownFields);
        Assert.Equal("""{"name":"a","free":{"any":{"thing":1}},"items":[{"k":"d"}],"on":true}""", obj["spec"]!.ToJsonString());
    }

    [Fact]
    public void Validation_reports_every_violation_with_its_path()
    {
        var spec = JsonNode.Parse("""{"name":"TOOLONG","count":9,"mode":"C","labels":{"a":1},"items":[{},{}],"on":"yes"}""");
        var validator = new SchemaValidator();

        validator.Validate(spec, Schema.GetProperty("properties").GetProperty("spec"), "spec");

        var got = validator.Causes.Select(c => $"{c.Field} {c.Reason}").Order().ToList();
        Assert.Equal(
        [
            "spec.count FieldValueInvalid",
            "spec.items FieldValueTooMany",
            "spec.labels.a FieldValueTypeInvalid",
            "spec.mode FieldValueNotSupported",
            "spec.name FieldValueInvalid",
            "spec.name FieldValueTooLong",
            "spec.on FieldValueTypeInvalid",
        ], got);
    }

    [Fact]
    public void A_missing_required_field_is_reported()
    {
        var validator = new SchemaValidator();
        validator.Validate(new JsonObject(), Schema.GetProperty("properties").GetProperty("spec"), "spec");
        Assert.Equal(("spec.name", "Required value"), (validator.Causes.Single().Field, validator.Causes.Single().Message));
    }
}
