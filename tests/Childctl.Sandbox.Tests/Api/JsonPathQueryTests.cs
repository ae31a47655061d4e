using System.Text.Json;
using Childctl.Shared.JsonPath;

namespace Childctl.Sandbox.Tests.Api;

public sealed class JsonPathQueryTests
{
    private static readonly JsonElement Doc = JsonDocument.Parse("""
        {"spec":{"template":"t1","dryRun":false,"n":[10,20]},
         "status":{"conditions":[{"type":"Ready","status":"True","message":"ok"},{"type":"Other","status":"False"}]}}
        """).RootElement;

    [Theory]
    [InlineData(".spec.template", "t1")]
    [InlineData("{.spec.template}", "t1")]
    [InlineData(".spec.dryRun", "false")]
    [InlineData(".spec.n[1]", "20")]
    [InlineData(".spec.n[-1]", "20")]
    [InlineData(".spec.n[*]", "10 20")]
    [InlineData(".spec['template']", "t1")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "True")]
    [InlineData(".status.conditions[?(@.type=='Ready')].message", "ok")]
    [InlineData(".status.conditions[?(@.status!=\"True\")].type", "Other")]
    [InlineData(".status.conditions[?(@.type==\"Missing\")].status", "")]
    [InlineData(".spec.absent.deeper", "")]
    public void Evaluates_the_printer_column_subset(string path, string expected)
    {
        var values = new JsonPathQuery(path).Evaluate(Doc).Select(JsonPathQuery.Text);
        Assert.Equal(expected, string.Join(' ', values));
    }
}
