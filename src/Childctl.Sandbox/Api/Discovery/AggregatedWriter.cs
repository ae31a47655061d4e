using System.Text.Json;

namespace Childctl.Sandbox.Api.Discovery;

/// <summary>Writes aggregated discovery (APIGroupDiscoveryList), which lets kubectl discover everything in two requests.</summary>
internal static class AggregatedWriter
{
    public static void Write(Utf8JsonWriter w, string apiVersion, IEnumerable<KeyValuePair<string, SortedDictionary<string, List<DiscoveryResource>>>> groups)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupDiscoveryList");
        w.WriteString("apiVersion", apiVersion);
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var (group, versions) in groups)
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("name", group);
            w.WriteNull("creationTimestamp");
            w.WriteEndObject();
            w.WriteStartArray("versions");
            foreach (var (version, resources) in versions)
            {
                WriteVersion(w, version, resources);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter w, string version, List<DiscoveryResource> resources)
    {
        w.WriteStartObject();
        w.WriteString("version", version);
        w.WriteString("freshness", "Current");
        w.WriteStartArray("resources");
        foreach (var r in resources)
        {
            w.WriteStartObject();
            w.WriteString("resource", r.Plural);
            w.WriteString("singularResource", r.Singular);
            w.WriteString("scope", r.Namespaced ? "Namespaced" : "Cluster");
            WriteKind(w, r);
            LegacyWriter.Strings(w, "verbs", r.Verbs);
            LegacyWriter.Strings(w, "shortNames", r.ShortNames);
            LegacyWriter.Strings(w, "categories", r.Categories);
            if (r.HasStatus)
            {
                w.WriteStartArray("subresources");
                w.WriteStartObject();
                w.WriteString("subresource", "status");
                WriteKind(w, r);
                LegacyWriter.Strings(w, "verbs", ["get", "patch", "update"]);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter w, DiscoveryResource r)
    {
        w.WriteStartObject("responseKind");
        w.WriteString("group", r.Group);
        w.WriteString("version", r.Version);
        w.WriteString("kind", r.Kind);
        w.WriteEndObject();
    }
}
