using System.Text.Json;

namespace Childctl.Sandbox.Api.Discovery;

/// <summary>Writes the legacy (non-aggregated) discovery shapes.</summary>
internal static class LegacyWriter
{
    public static void WriteGroup(Utf8JsonWriter w, string group, IEnumerable<string> versions, bool withKind = false)
    {
        var list = versions.ToList();
        w.WriteStartObject();
        if (withKind)
        {
            w.WriteString("kind", "APIGroup");
            w.WriteString("apiVersion", "v1");
        }

        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var v in list)
        {
            WriteGroupVersion(w, group, v);
        }

        w.WriteEndArray();
        w.WritePropertyName("preferredVersion");
        WriteGroupVersion(w, group, list[0]);
        w.WriteEndObject();
    }

    public static void WriteResourceList(Utf8JsonWriter w, string groupVersion, IEnumerable<DiscoveryResource> resources)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", groupVersion);
        w.WriteStartArray("resources");
        foreach (var r in resources)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Plural);
            w.WriteString("singularName", r.Singular);
            w.WriteBoolean("namespaced", r.Namespaced);
            w.WriteString("kind", r.Kind);
            Strings(w, "verbs", r.Verbs);
            Strings(w, "shortNames", r.ShortNames);
            Strings(w, "categories", r.Categories);
            w.WriteEndObject();
            if (r.HasStatus)
            {
                w.WriteStartObject();
                w.WriteString("name", $"{r.Plural}/status");
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", r.Namespaced);
                w.WriteString("kind", r.Kind);
                Strings(w, "verbs", ["get", "patch", "update"]);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteGroupVersion(Utf8JsonWriter w, string group, string version)
    {
        w.WriteStartObject();
        w.WriteString("groupVersion", $"{group}/{version}");
        w.WriteString("version", version);
        w.WriteEndObject();
    }
}
