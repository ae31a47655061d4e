using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage.Fields;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// Keeps metadata.managedFields as the apiserver does, with real field sets (<see cref="FieldOwnership"/>): one entry
/// per (manager, operation, subresource). A write that carries managedFields different from the stored ones sets
/// them (as upstream lets clients, which kubectl's client-side to server-side apply migration relies on); an Apply
/// arrives with its entries already computed by the API; any other write is an Update by its field manager.
/// </summary>
internal static class ManagedFields
{
    /// <summary>
    /// The managedFields <paramref name="next"/> should be stored with; <paramref name="before"/> is null on create.
    /// Returns whether they differ from the stored ones (a write that changes only them still counts as a change).
    /// </summary>
    public static bool Apply(JsonObject? before, JsonObject next, JsonNode? incoming, WriteOptions write, string? subresource, string time, FieldShape shape, bool statusIsSubresource, string apiVersion)
    {
        var stored = before is null ? null : ObjectMeta.Of(before)["managedFields"];
        var given = incoming is JsonArray { Count: > 0 } && (subresource is null || write.Operation == FieldOwnership.Apply) && !JsonNode.DeepEquals(incoming, stored);
        var baseFields = given ? incoming : stored;
        ObjectMeta.Of(next).Remove("managedFields");
        if (baseFields is not null)
        {
            ObjectMeta.Of(next)["managedFields"] = baseFields.DeepClone();
        }

        if (string.IsNullOrEmpty(write.FieldManager) || write.Operation == FieldOwnership.Apply)
        {
            return !JsonNode.DeepEquals(ObjectMeta.Of(next)["managedFields"], stored);
        }

        var managers = ManagerEntry.Read(next);
        var beforePaths = before is null ? [] : FieldPaths.Of(before, shape, statusIsSubresource, subresource);
        var afterPaths = FieldPaths.Of(next, shape, statusIsSubresource, subresource);
        var updated = FieldOwnership.AfterUpdate(managers, beforePaths, afterPaths, write.FieldManager, subresource, apiVersion, time);
        if (!ReferenceEquals(updated, managers))
        {
            ManagerEntry.Write(next, updated);
        }

        return !JsonNode.DeepEquals(ObjectMeta.Of(next)["managedFields"], stored);
    }

    public static JsonNode? Take(JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
        var fields = meta["managedFields"];
        meta.Remove("managedFields");
        return fields;
    }

    /// <summary>The shape a kind's schema gives its fields (null schema: deduced).</summary>
    public static FieldShape ShapeOf(JsonElement? schema) => new(schema is { ValueKind: JsonValueKind.Object } ? schema : null);
}
