using System.Text.Json;
using Childctl.Shared.JsonPath;

namespace Childctl.Cli.Tests.Output;

/// <summary>kubectl's -o jsonpath template language over the one JSONPath implementation the sandbox shares.</summary>
public sealed class JsonPathTemplateTests
{
    private static readonly JsonElement List = JsonDocument.Parse("""
        {"apiVersion":"v1","kind":"List","items":[
          {"metadata":{"name":"a","namespace":"ns1","labels":{"app.kubernetes.io/name":"x"}},"spec":{"n":3},"childctl":{"phase":"Ready","ready":true}},
          {"metadata":{"name":"b","namespace":"ns2"},"spec":{"n":10},"childctl":{"phase":"Failed","ready":false},
           "status":{"conditions":[{"type":"Ready","status":"False"}]}}]}
        """).RootElement;

    [Theory]
    [InlineData("{.items[*].metadata.name}", "a b")]
    [InlineData("{range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}", "ns1/a\nns2/b\n")]
    [InlineData("{range .items}{.metadata.name}={.childctl.ready};{end}", "a=true;b=false;")]
    [InlineData("names: {.items[0].metadata.name}, {.items[-1].metadata.name}", "names: a, b")]
    [InlineData("{.items[?(@.childctl.phase==\"Failed\")].metadata.name}", "b")]
    [InlineData("{.items[?(@.spec.n>5)].metadata.name}", "b")]
    [InlineData("{.items[?(@.status)].metadata.name}", "b")]
    [InlineData("{.items[0:1].metadata.name}", "a")]
    [InlineData("{..phase}", "Ready Failed")]
    [InlineData("{.items[0].metadata.labels.app\\.kubernetes\\.io/name}", "x")]
    [InlineData("{.items[0].metadata.labels}", "{\"app.kubernetes.io/name\":\"x\"}")]
    [InlineData("{.items[0].metadata.absent}", "")]
    [InlineData("{.kind}\t{.apiVersion}", "List\tv1")]
    public void Render_WhenGivenKubectlTemplates_PrintsWhatKubectlPrints(string template, string expected) =>
        Assert.Equal(expected, new JsonPathTemplate(template).Render(List));

    [Theory]
    [InlineData("{.items[")]
    [InlineData("{range .items[*]}{.metadata.name}")]
    [InlineData("{.metadata.name}{end}")]
    [InlineData("{.items[x]}")]
    public void Parse_WhenTheTemplateIsBroken_ThrowsFormatException(string template) =>
        Assert.Throws<FormatException>(() => new JsonPathTemplate(template));

    [Theory]
    [InlineData(".metadata.name")]
    [InlineData("metadata.name")]
    [InlineData("{.metadata.name}")]
    public void Relaxed_WhenWrittenAnyOfKubectlsWays_ReadsTheSameField(string path) =>
        Assert.Equal("a", JsonPathQuery.Text(JsonPathTemplate.Relaxed(path).Evaluate(List.GetProperty("items")[0]).Single()));
}
