using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// Keeps metadata.managedFields the way the apiserver lists them: one entry per (manager, operation, subresource),
/// its time refreshed on each write. The field sets are left empty: no client we serve reads them, and empty sets
/// keep kubectl from attempting its client-side-apply to server-side-apply migration.
/// </summary>
internal static class ManagedFields
{
    public static void Record(JsonObject obj, string apiVersion, WriteOptions write, string? subresource, string time)
    {
        if (string.IsNullOrEmpty(write.FieldManager))
        {
            return;
        }

        var meta = ObjectMeta.Of(obj);
        if (meta["managedFields"] is not JsonArray entries)
        {
            entries = [];
            meta["managedFields"] = entries;
        }

        var existing = entries.OfType<JsonObject>().FirstOrDefault(e =>
            ObjectMeta.String(e, "manager") == write.FieldManager &&
            ObjectMeta.String(e, "operation") == write.Operation &&
            ObjectMeta.String(e, "subresource") == subresource);
        if (existing is not null)
        {
            existing["time"] = time;
            existing["apiVersion"] = apiVersion;
            return;
        }

        var entry = new JsonObject
        {
            ["manager"] = write.FieldManager,
            ["operation"] = write.Operation,
            ["apiVersion"] = apiVersion,
            ["time"] = time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = new JsonObject(),
        };
        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        entries.Add((JsonNode)entry);
    }
}
