using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Preflight;

namespace Childctl.Core.Tests.Operations.Preflight;

public class ConfigSchemaTests
{
    private const string Schema = """
        {"type": "object", "additionalProperties": false, "required": ["workersNumber"],
         "properties": {
           "workersNumber": {"type": "integer", "minimum": 0},
           "region": {"type": "string", "minLength": 1},
           "k0s": {"type": "object", "properties": {"arch": {"type": "string", "enum": ["amd64", "arm64"]}, "cpArgs": {"type": "array", "items": {"type": "string"}}}},
           "network": {"type": "object", "properties": {"mtu": {"type": "integer", "maximum": 8896}}}}}
        """;

    [Fact]
    public void Check_WhenValuesBreakTheRules_WordsEachAsTheApiserverDoes()
    {
        var schema = ConfigSchema.Parse("t", "ns/schema-ct-t", Schema);
        var config = JsonNode.Parse("""{"workersNumber": -1, "region": "", "k0s": {"arch": "sparc", "cpArgs": [1]}, "network": {"mtu": 9000}, "workerNumber": 3}""")!.AsObject();

        var texts = schema.Check(null, config).Select(v => v.Text).ToList();

        Assert.Equal(
        [
            "spec.config.k0s.arch: Unsupported value: \"sparc\": supported values: \"amd64\", \"arm64\"",
            "spec.config.k0s.cpArgs[0]: Invalid value: \"integer\": spec.config.k0s.cpArgs[0] in body must be of type string: \"integer\"",
            "spec.config.network.mtu: Invalid value: 9000: spec.config.network.mtu in body should be less than or equal to 8896",
            "spec.config.region: Invalid value: \"\": spec.config.region in body should be at least 1 chars long",
            "unknown field \"spec.config.workerNumber\"",
            "spec.config.workersNumber: Invalid value: -1: spec.config.workersNumber in body should be greater than or equal to 0",
        ], texts);
    }

    [Fact]
    public void Check_WhenARequiredKeyHasADefault_PassesAndFailsOnlyOnceItIsRemoved()
    {
        var schema = ConfigSchema.Parse("t", "ns/schema-ct-t", Schema);
        var defaults = JsonNode.Parse("""{"workersNumber": 2}""")!.AsObject();

        Assert.Empty(schema.Check(defaults, []));
        var removed = schema.Check(defaults, JsonNode.Parse("""{"workersNumber": null}""")!.AsObject());
        Assert.Equal("spec.config.workersNumber: Required value", Assert.Single(removed).Text);
    }

    [Fact]
    public void Refusal_WhenOneCause_IsThe422SentenceWithoutBrackets()
    {
        var schema = ConfigSchema.Parse("t", "ns/schema-ct-t", Schema);

        var error = schema.Refusal("c1", schema.Check(null, JsonNode.Parse("""{"workersNumber": "x"}""")!.AsObject()));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith("ClusterDeployment.k0rdent.mirantis.com \"c1\" is invalid: spec.config.workersNumber: Invalid value: \"string\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenTheSchemaIsNotJson_BlamesTheTemplate()
    {
        var error = Assert.Throws<ChildctlException>(() => ConfigSchema.Parse("t", "ns/schema-ct-t", "{not json"));

        Assert.Contains("ClusterTemplate \"t\" publishes a values schema that cannot be read (ConfigMap ns/schema-ct-t", error.Message, StringComparison.Ordinal);
    }
}

public class ConfigEditsTests
{
    [Fact]
    public void ApplyTo_WhenFilesAssignmentsAndUnsetsAreGiven_AppliesThemInHelmsOrder()
    {
        var edits = new ConfigEdits
        {
            ValuesFiles = [JsonNode.Parse("""{"worker": {"rootVolumeSize": 40}, "workersNumber": 1}""")!.AsObject()],
            Assignments = ["workersNumber=3", "worker.instanceType=t3.large", "name='007'", "labels={\"a\":\"b\"}", "publicIP=true"],
            Unset = ["bastion"],
        };
        var config = JsonNode.Parse("""{"worker": {"instanceType": "t3.small"}, "bastion": {"enabled": true}}""")!.AsObject();

        var result = edits.ApplyTo(config);

        Assert.Equal("""{"worker":{"instanceType":"t3.large","rootVolumeSize":40},"workersNumber":3,"name":"007","labels":{"a":"b"},"publicIP":true}""", result.ToJsonString());
        Assert.True(config.ContainsKey("bastion"));
    }

    [Fact]
    public void MergePatch_WhenKeysAreRemovedAndChanged_SendsNullsAndOnlyTheDifferences()
    {
        var before = JsonNode.Parse("""{"a": 1, "b": {"c": 2, "d": 3}, "e": [1]}""")!.AsObject();
        var after = JsonNode.Parse("""{"a": 1, "b": {"c": 5}, "e": [1, 2]}""")!.AsObject();

        Assert.Equal("""{"b":{"d":null,"c":5},"e":[1,2]}""", ConfigEdits.MergePatch(before, after).ToJsonString());
    }

    [Theory]
    [InlineData("workersNumber")]
    [InlineData("=3")]
    [InlineData("a..b=1")]
    public void Validate_WhenAnAssignmentIsMalformed_IsInvalidInput(string assignment)
    {
        var error = Assert.Throws<ChildctlException>(() => new ConfigEdits { Assignments = [assignment] }.Validate());

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
