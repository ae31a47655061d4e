using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Tables;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.ChildApi;

/// <summary>
/// The child API's documents: version, legacy discovery (core v1 with namespaces and nodes, no groups) and the Tables
/// kubectl prints, with the apiserver's columns for Node (NAME STATUS ROLES AGE VERSION; wide adds INTERNAL-IP
/// EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME) and Namespace (NAME STATUS AGE).
/// </summary>
internal static class ChildDocuments
{
    private const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>/version of a child running <paramref name="gitVersion"/> (v1.36.3+k0s).</summary>
    public static JsonObject Version(string gitVersion)
    {
        var parts = gitVersion.TrimStart('v').Split('.', '+');
        return new JsonObject
        {
            ["major"] = parts.ElementAtOrDefault(0) ?? "1",
            ["minor"] = parts.ElementAtOrDefault(1) ?? "0",
            ["emulationMajor"] = parts.ElementAtOrDefault(0) ?? "1",
            ["emulationMinor"] = parts.ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.25.1",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject ApiVersions(string host) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = host }),
    };

    public static JsonObject GroupList() => new() { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray() };

    public static JsonObject ResourceList() => new()
    {
        ["kind"] = "APIResourceList",
        ["groupVersion"] = "v1",
        ["resources"] = new JsonArray(Resource("namespaces", "namespace", "Namespace", "ns"), Resource("nodes", "node", "Node", "no")),
    };

    private static JsonObject Resource(string plural, string singular, string kind, string shortName) => new()
    {
        ["name"] = plural,
        ["singularName"] = singular,
        ["namespaced"] = false,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "list"),
        ["shortNames"] = new JsonArray(shortName),
    };

    public static JsonObject Table(string kind, List<JsonObject> items, string resourceVersion, DateTimeOffset now, bool includeObject, string mediaType)
    {
        var nodes = kind == "Node";
        var columns = nodes
            ? new JsonArray(Column("Name", NameDescription, 0, "name"), Column("Status", "The status of the node", 0), Column("Roles", "The roles of the node", 0),
                Column("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0), Column("Version", "Kubelet Version reported by the node.", 0),
                Column("Internal-IP", "List of internal IPs (if available).", 1), Column("External-IP", "List of external IPs (if available).", 1),
                Column("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
                Column("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
                Column("Container-Runtime", "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1))
            : new JsonArray(Column("Name", NameDescription, 0, "name"), Column("Status", "The status of the namespace", 0),
                Column("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = nodes ? NodeCells(item, now) : NamespaceCells(item, now);
            rows.Add((JsonNode)new JsonObject
            {
                ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["object"] = includeObject ? item.DeepClone() : new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]!.DeepClone(),
                },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = mediaType == MediaTypes.TableV1Beta1 ? "meta.k8s.io/v1beta1" : "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static string[] NodeCells(JsonObject node, DateTimeOffset now)
    {
        var unschedulable = JsonAccess.Bool(node, "spec", "unschedulable");
        var roles = (JsonAccess.At(node, "metadata", "labels") as JsonObject ?? [])
            .Where(l => l.Key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(l => l.Key["node-role.kubernetes.io/".Length..]).ToList();
        var ip = (JsonAccess.At(node, "status", "addresses") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(a => JsonAccess.String(a, "type") == "InternalIP") is { } address ? JsonAccess.String(address, "address") ?? "<none>" : "<none>";
        return
        [
            JsonAccess.Name(node),
            unschedulable ? "Ready,SchedulingDisabled" : "Ready",
            roles.Count == 0 ? "<none>" : string.Join(',', roles),
            HumanDuration.Since(JsonAccess.String(node, "metadata", "creationTimestamp"), now),
            JsonAccess.String(node, "status", "nodeInfo", "kubeletVersion") ?? "",
            ip,
            "<none>",
            JsonAccess.String(node, "status", "nodeInfo", "osImage") ?? "",
            JsonAccess.String(node, "status", "nodeInfo", "kernelVersion") ?? "",
            JsonAccess.String(node, "status", "nodeInfo", "containerRuntimeVersion") ?? "",
        ];
    }

    private static string[] NamespaceCells(JsonObject ns, DateTimeOffset now) =>
        [JsonAccess.Name(ns), JsonAccess.String(ns, "status", "phase") ?? "", HumanDuration.Since(JsonAccess.String(ns, "metadata", "creationTimestamp"), now)];

    private static JsonObject Column(string name, string description, int priority, string format = "") => new()
    {
        ["name"] = name,
        ["type"] = "string",
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
