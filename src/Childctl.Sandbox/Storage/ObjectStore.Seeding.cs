using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

public sealed partial class ObjectStore
{
    /// <inheritdoc />
    public JsonObject CreateBackdated(ResourceType type, JsonObject obj, DateTimeOffset createdAt, string fieldManager) =>
        CreateCore(type, obj, new WriteOptions(fieldManager, CreatedAt: createdAt)).ToNode();
}
