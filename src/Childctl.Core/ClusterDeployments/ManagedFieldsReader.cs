using System.Text.Json;
using Childctl.Kubernetes;

namespace Childctl.Core.ClusterDeployments;

/// <summary>Reads <c>metadata.managedFields</c> (manager, operation, subresource, time) and annotations from a served object.</summary>
public static class ManagedFieldsReader
{
    public static IReadOnlyList<FieldManagerEntry> Read(JsonElement obj)
    {
        var metadata = JsonPath.Object(obj, "metadata");
        var entries = new List<FieldManagerEntry>();
        foreach (var entry in JsonPath.Array(metadata, "managedFields"))
        {
            if (JsonPath.String(entry, "manager") is { Length: > 0 } manager)
            {
                entries.Add(new FieldManagerEntry(
                    manager,
                    JsonPath.String(entry, "operation"),
                    JsonPath.String(entry, "subresource"),
                    JsonPath.Timestamp(entry, "time")));
            }
        }

        return entries;
    }

    public static IReadOnlyDictionary<string, string> Annotations(JsonElement obj) =>
        JsonPath.StringMap(JsonPath.Object(obj, "metadata"), "annotations");
}
