using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>One managedFields entry: who (manager, operation, subresource), at which version and time, owning which paths.</summary>
internal sealed record ManagerEntry(string Manager, string Operation, string? Subresource, string ApiVersion, string? Time, HashSet<string> Fields)
{
    public bool SameManager(ManagerEntry other) => Manager == other.Manager && Operation == other.Operation && Subresource == other.Subresource;

    /// <summary>How upstream names a manager in a conflict: <c>"m"</c>, with the subresource and, for Update, the version.</summary>
    public string Describe()
    {
        var text = GoQuote.Quote(Manager);
        if (!string.IsNullOrEmpty(Subresource))
        {
            text += $" with subresource {GoQuote.Quote(Subresource)}";
        }

        return Operation == "Update" ? $"{text} using {ApiVersion}" : text;
    }

    /// <summary>The sort key upstream's conflict message orders managers by (their JSON identifier).</summary>
    public string Identifier =>
        $"{{\"manager\":{Json(Manager)},\"operation\":{Json(Operation)}{(Operation == "Apply" ? "" : $",\"apiVersion\":{Json(ApiVersion)}")}{(Subresource is null ? "" : $",\"subresource\":{Json(Subresource)}")}}}";

    public static List<ManagerEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagerEntry>();
        if (ObjectMeta.Of(obj)["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var e in array.OfType<JsonObject>())
        {
            entries.Add(new ManagerEntry(ObjectMeta.String(e, "manager") ?? "", ObjectMeta.String(e, "operation") ?? "Update",
                ObjectMeta.String(e, "subresource") is { Length: > 0 } s ? s : null, ObjectMeta.String(e, "apiVersion") ?? "",
                ObjectMeta.String(e, "time"), FieldsV1.Decode(e["fieldsV1"])));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IReadOnlyList<ManagerEntry> entries)
    {
        var meta = ObjectMeta.Of(obj);
        if (entries.Count == 0)
        {
            meta.Remove("managedFields");
            return;
        }

        var array = new JsonArray();
        foreach (var e in entries)
        {
            var entry = new JsonObject { ["manager"] = e.Manager, ["operation"] = e.Operation, ["apiVersion"] = e.ApiVersion };
            if (e.Time is not null)
            {
                entry["time"] = e.Time;
            }

            entry["fieldsType"] = "FieldsV1";
            entry["fieldsV1"] = FieldsV1.Encode(e.Fields);
            if (e.Subresource is not null)
            {
                entry["subresource"] = e.Subresource;
            }

            array.Add((JsonNode)entry);
        }

        meta["managedFields"] = array;
    }

    private static string Json(string s) => JsonValue.Create(s).ToJsonString();
}
