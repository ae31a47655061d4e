using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Testing;

namespace Childctl.Core.Tests.ClusterDeployments;

/// <summary>Loads the k0rdent fixtures under tests/fixtures/k0rdent as JSON, the way the API would serve them.</summary>
internal static class ExampleObjects
{
    public static JsonObject Load(string fileName) => YamlJson.LoadFile(Path.Combine(RepoPaths.K0rdentFixtures, fileName));

    public static ClusterDeployment Cluster(string fileName, Action<JsonObject>? change = null)
    {
        var obj = Load(fileName);
        change?.Invoke(obj);
        return ClusterDeploymentReader.Read(JsonDocument.Parse(obj.ToJsonString()).RootElement);
    }
}
