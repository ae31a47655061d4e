using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Storage;

/// <summary>The bytes the sandbox serves for an object are written as Go's encoding/json writes them.</summary>
public class StoredObjectEncodingTests
{
    [Fact]
    public void Json_WhenStringsHoldQuotesAndNonAscii_EscapesQuotesAsBackslashQuoteAndKeepsUtf8()
    {
        var node = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "team", ["namespace"] = "childctl-history" },
            ["data"] = new JsonObject { ["01J"] = "{\"action\":\"note\",\"message\":\"café\"}" },
        };

        var text = Encoding.UTF8.GetString(new StoredObject(ResourceType.ConfigMap, node).Json);

        Assert.Contains("\"01J\":\"{\\\"action\\\":\\\"note\\\",\\\"message\\\":\\\"café\\\"}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", text, StringComparison.Ordinal);
    }
}
