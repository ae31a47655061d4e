using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>
/// Field ownership as structured-merge-diff keeps it. An Update (any write that is not an apply) takes every field
/// it adds or changes from the other managers and drops removed fields from all of them. An Apply merges the applied
/// configuration into the live object, owns exactly the fields it applied, removes the fields it applied before
/// and no longer applies (unless another manager owns them), and conflicts (409, managers named) when it would
/// change a field another manager owns — unless forced, which takes the field over.
/// </summary>
internal static class FieldOwnership
{
    public const string Update = "Update";
    public const string Apply = "Apply";

    /// <summary>The managers after an Update by <paramref name="manager"/>; unchanged when the content did not change.</summary>
    public static List<ManagerEntry> AfterUpdate(List<ManagerEntry> managers, Dictionary<string, string> before, Dictionary<string, string> after,
        string manager, string? subresource, string apiVersion, string time)
    {
        var (changed, removed) = Compare(before, after);
        if (changed.Count == 0 && removed.Count == 0)
        {
            return managers;
        }

        var self = managers.FirstOrDefault(m => m.Manager == manager && m.Operation == Update && m.Subresource == subresource);
        var result = new List<ManagerEntry>();
        foreach (var m in managers)
        {
            if (m == self)
            {
                var fields = new HashSet<string>(m.Fields, StringComparer.Ordinal);
                fields.ExceptWith(removed);
                fields.UnionWith(changed);
                result.Add(m with { Fields = fields, Time = time, ApiVersion = apiVersion });
            }
            else
            {
                var fields = new HashSet<string>(m.Fields, StringComparer.Ordinal);
                fields.ExceptWith(changed);
                fields.ExceptWith(removed);
                if (fields.Count > 0)
                {
                    result.Add(m with { Fields = fields });
                }
            }
        }

        if (self is null)
        {
            result.Add(new ManagerEntry(manager, Update, subresource, apiVersion, time, changed));
        }

        return result.Where(m => m.Fields.Count > 0).ToList();
    }

    /// <summary>
    /// Server-side apply of <paramref name="config"/> onto <paramref name="live"/> (null: the object is being created):
    /// the merged object carrying its new managedFields, or a 409 listing the conflicts.
    /// </summary>
    public static JsonObject ApplyTo(JsonObject? live, JsonObject config, FieldShape shape, bool statusIsSubresource, string? subresource,
        string manager, string apiVersion, bool force, string time)
    {
        var current = live ?? [];
        var managers = ManagerEntry.Read(current);
        var applied = FieldPaths.Of(config, shape, statusIsSubresource, subresource).Keys.ToHashSet(StringComparer.Ordinal);
        var self = managers.FirstOrDefault(m => m.Manager == manager && m.Operation == Apply && m.Subresource == subresource);
        var others = managers.Where(m => m != self).ToList();
        var merged = (JsonObject)Merge(current, config, shape, root: true)!;

        var othersOwn = others.SelectMany(m => m.Fields).ToHashSet(StringComparer.Ordinal);
        var dropped = (self?.Fields ?? []).Where(p => !applied.Contains(p) && !othersOwn.Contains(p)).ToList();
        FieldPruning.Remove(merged, dropped);

        var (changed, removed) = Compare(FieldPaths.Of(current, shape, statusIsSubresource, subresource), FieldPaths.Of(merged, shape, statusIsSubresource, subresource));
        var conflicts = others.SelectMany(m => m.Fields.Where(changed.Contains).Select(p => (Manager: m, Path: p))).ToList();
        if (conflicts.Count > 0 && !force)
        {
            var allowed = manager == "kubectl" ? FromLastApplied(current, shape, statusIsSubresource, subresource) : [];
            var remaining = conflicts.Where(c => !allowed.Contains(c.Path)).ToList();
            if (remaining.Count > 0)
            {
                throw Conflict(remaining);
            }
        }

        var result = new List<ManagerEntry>();
        var entry = new ManagerEntry(manager, Apply, subresource, apiVersion, time, applied);
        foreach (var m in managers)
        {
            if (m == self)
            {
                result.Add(entry);
                continue;
            }

            var fields = new HashSet<string>(m.Fields, StringComparer.Ordinal);
            fields.ExceptWith(removed);
            fields.ExceptWith(conflicts.Where(c => c.Manager == m).Select(c => c.Path));
            if (fields.Count > 0)
            {
                result.Add(m with { Fields = fields });
            }
        }

        if (self is null)
        {
            result.Add(entry);
        }

        ManagerEntry.Write(merged, result.Where(m => m.Fields.Count > 0).ToList());
        return merged;
    }

    /// <summary>
    /// Upstream lets <c>kubectl apply --server-side</c> take over, without a conflict, the fields that the object's
    /// client-side last-applied-configuration set and that nobody changed since (the client-side to server-side
    /// upgrade).
    /// </summary>
    private static HashSet<string> FromLastApplied(JsonObject live, FieldShape shape, bool statusIsSubresource, string? subresource)
    {
        if (ObjectMeta.Of(live)["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"] is not JsonValue text
            || text.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return [];
        }

        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text.GetValue<string>()) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }

        if (lastApplied is null)
        {
            return [];
        }

        var livePaths = FieldPaths.Of(live, shape, statusIsSubresource, subresource);
        return FieldPaths.Of(lastApplied, shape, statusIsSubresource, subresource)
            .Where(p => !livePaths.TryGetValue(p.Key, out var value) || value == p.Value)
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Paths added or modified, and paths removed, between two versions.</summary>
    public static (HashSet<string> Changed, HashSet<string> Removed) Compare(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in after)
        {
            if (!before.TryGetValue(path, out var old) || old != value)
            {
                changed.Add(path);
            }
        }

        var removed = before.Keys.Where(p => !after.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        return (changed, removed);
    }

    /// <summary>upstream's apply conflict: one line for one conflict, else grouped by manager.</summary>
    private static StoreException Conflict(List<(ManagerEntry Manager, string Path)> conflicts)
    {
        var sorted = conflicts.OrderBy(c => c.Manager.Identifier, StringComparer.Ordinal).ThenBy(c => FieldPaths.Display(c.Path), StringComparer.Ordinal).ToList();
        var causes = sorted.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {c.Manager.Describe()}", FieldPaths.Display(c.Path))).ToList();
        string message;
        if (sorted.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {sorted[0].Manager.Describe()}: {FieldPaths.Display(sorted[0].Path)}";
        }
        else
        {
            var lines = sorted.GroupBy(c => c.Manager.Identifier, StringComparer.Ordinal)
                .SelectMany(g => new[] { $"conflicts with {g.First().Manager.Describe()}:" }.Concat(g.Select(c => $"- {FieldPaths.Display(c.Path)}")));
            message = $"Apply failed with {sorted.Count} conflicts: {string.Join("\n", lines)}";
        }

        return new StoreException(409, "Conflict", message, new StatusDetails(null, null, null, causes));
    }

    private static JsonNode? Merge(JsonNode? live, JsonNode? config, FieldShape shape, bool root = false)
    {
        switch (config)
        {
            case JsonObject c when live is JsonObject l && !shape.AtomicMap:
                var result = l.DeepClone().AsObject();
                foreach (var (key, value) in c)
                {
                    var child = root && key == "metadata" ? FieldShape.Metadata : shape.Child(key);
                    result[key] = Merge(l[key], value, child);
                }

                return result;
            case JsonArray c when live is JsonArray l && shape.ListType == "map" && shape.MapKeys.Count > 0:
                var items = l.Select(i => i?.DeepClone()).ToList();
                foreach (var item in c.OfType<JsonObject>())
                {
                    var key = FieldPaths.KeyOf(item, shape.MapKeys);
                    var at = items.FindIndex(i => i is JsonObject o && FieldPaths.KeyOf(o, shape.MapKeys) == key);
                    if (at >= 0)
                    {
                        items[at] = Merge(items[at], item, shape.Items);
                    }
                    else
                    {
                        items.Add(item.DeepClone());
                    }
                }

                return new JsonArray([.. items]);
            case JsonArray c when live is JsonArray l && shape.ListType == "set":
                var values = l.Select(i => i?.DeepClone()).ToList();
                foreach (var item in c.Where(i => !values.Any(v => JsonNode.DeepEquals(v, i))))
                {
                    values.Add(item?.DeepClone());
                }

                return new JsonArray([.. values]);
            default:
                return config?.DeepClone();
        }
    }
}
