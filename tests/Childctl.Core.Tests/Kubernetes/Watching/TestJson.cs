using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Childctl.Core.Tests.Kubernetes.Watching;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TestJson : JsonSerializerContext
{
}
