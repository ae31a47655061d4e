using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Listing;

/// <summary>The condition a CAPI object is judged by: Ready, or Available, or MachinesReady for kinds that have no Ready (v1beta2).</summary>
public sealed record CapiCondition(string Type, string Status, string Reason, DateTimeOffset? Since, string Message);

/// <summary>One Cluster API object as the management cluster serves it, with the owners it names and its condition.</summary>
public sealed record CapiObject(string Kind, string ApiVersion, string Name, string Uid, IReadOnlyList<string> OwnerUids, CapiCondition? Condition, JsonElement Raw)
{
    /// <summary>kubectl's <c>-o name</c> form: <c>kind.group/name</c>.</summary>
    public string QualifiedName => $"{Kind.ToLowerInvariant()}.{ApiVersion.Split('/')[0]}/{Name}";
}

/// <summary>An object and what it owns, in the order <c>clusterctl describe</c> shows them.</summary>
public sealed record CapiNode(CapiObject Object, IReadOnlyList<CapiNode> Children);

/// <summary>
/// The CAPI objects behind one ClusterDeployment: <see cref="Roots"/> is the Cluster with what it owns, then any object
/// labelled for the cluster that owns no way up to it (none when all is well); empty before CAPI has a Cluster.
/// <see cref="Unread"/> names the kinds the Cluster refers to that childctl could not read (an unknown provider).
/// </summary>
public sealed record CapiTree(string Namespace, string Name, IReadOnlyList<CapiNode> Roots, IReadOnlyList<string> Unread)
{
    /// <summary>Every object, depth first, in the tree's order.</summary>
    public IEnumerable<CapiObject> Objects => Roots.SelectMany(Flatten);

    private static IEnumerable<CapiObject> Flatten(CapiNode node) => node.Children.SelectMany(Flatten).Prepend(node.Object);
}

/// <summary>
/// <c>status NAME --tree</c>: the CAPI objects behind the cluster, as <c>clusterctl describe cluster</c> finds them, in two
/// rounds of parallel requests. First: the ClusterDeployment (404 → not found, exit 3), the Cluster
/// <c>cluster.x-k8s.io/v1beta2</c> of the same name (CAPI does not label the Cluster itself), and the MachineDeployments,
/// MachineSets and Machines listed with the label <c>cluster.x-k8s.io/cluster-name=NAME</c>. Then the kinds the Cluster's
/// controlPlaneRef and infrastructureRef name, listed with the same label. They are arranged by ownerReferences.
/// </summary>
public sealed class CapiTreeService(Session session)
{
    public const string ClusterNameLabel = "cluster.x-k8s.io/cluster-name";
    private const string ClusterGroup = "cluster.x-k8s.io";

    private static readonly ResourceKind Cluster = new(ClusterGroup, "v1beta2", "clusters", "Cluster");
    private static readonly ResourceKind[] Workers =
    [
        new(ClusterGroup, "v1beta2", "machinedeployments", "MachineDeployment"),
        new(ClusterGroup, "v1beta2", "machinesets", "MachineSet"),
        new(ClusterGroup, "v1beta2", "machines", "Machine"),
    ];

    /// <summary>The served version of the referenced kinds k0rdent's templates use, when a v1beta2 ref names only the group.</summary>
    private static readonly Dictionary<string, string> KnownVersions = new(StringComparer.Ordinal)
    {
        ["controlplane.cluster.x-k8s.io/K0sControlPlane"] = "v1beta1",
        ["controlplane.cluster.x-k8s.io/K0smotronControlPlane"] = "v1beta1",
        ["controlplane.cluster.x-k8s.io/KubeadmControlPlane"] = "v1beta2",
        ["infrastructure.cluster.x-k8s.io/AzureCluster"] = "v1beta1",
        ["infrastructure.cluster.x-k8s.io/AWSCluster"] = "v1beta2",
        ["infrastructure.cluster.x-k8s.io/AWSManagedCluster"] = "v1beta2",
        ["infrastructure.cluster.x-k8s.io/GCPCluster"] = "v1beta1",
        ["infrastructure.cluster.x-k8s.io/VSphereCluster"] = "v1beta1",
        ["infrastructure.cluster.x-k8s.io/OpenStackCluster"] = "v1beta1",
    };

    private static readonly string[] References = ["controlPlaneRef", "infrastructureRef"];

    private static readonly string[] ConditionTypes = ["Ready", "Available", "MachinesReady"];

    public async Task<CapiTree> GetAsync(string name, CancellationToken cancellationToken)
    {
        var ns = session.OneNamespace("status --tree");
        var api = session.Api;
        var selector = $"{ClusterNameLabel}={name}";
        var deployment = api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var cluster = api.TryGetAsync(Cluster, ns, name, cancellationToken);
        var workers = Workers.Select(k => ListAsync(k, ns, selector, cancellationToken)).ToList();
        try
        {
            await deployment;
        }
        finally
        {
            await Task.WhenAll(workers.Cast<Task>().Append(cluster)).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        var objects = new List<JsonElement>();
        var unread = new List<string>();
        if (await cluster is { } clusterObject)
        {
            objects.Add(clusterObject);
            var refs = References
                .Select(r => JsonPath.Find(clusterObject, "spec", r)).OfType<JsonElement>().Select(Referenced).ToList();
            unread.AddRange(refs.Where(r => r.Kind is null).Select(r => r.Described));
            var lists = await Task.WhenAll(refs.Where(r => r.Kind is not null).Select(r => ListAsync(r.Kind!, ns, selector, cancellationToken)));
            objects.AddRange(lists.SelectMany(l => l));
        }

        foreach (var list in workers)
        {
            objects.AddRange(await list);
        }

        return new CapiTree(ns, name, Arrange(objects.Select(Read).ToList()), unread);
    }

    /// <summary>The objects of a kind with the label; none when the kind is not served (a provider that is not installed).</summary>
    private async Task<IReadOnlyList<JsonElement>> ListAsync(ResourceKind kind, string ns, string selector, CancellationToken cancellationToken)
    {
        try
        {
            return (await session.Api.ListAsync(kind, ns, selector, cancellationToken)).Items;
        }
        catch (Errors.ChildctlException e) when (e.Kind == Errors.ErrorKind.NotFound)
        {
            return [];
        }
    }

    /// <summary>What a ref names: v1beta2's apiGroup (the version then from <see cref="KnownVersions"/>) or v1beta1's apiVersion.</summary>
    private static (ResourceKind? Kind, string Described) Referenced(JsonElement reference)
    {
        var kind = JsonPath.String(reference, "kind") ?? string.Empty;
        var apiVersion = JsonPath.String(reference, "apiVersion");
        var group = JsonPath.String(reference, "apiGroup") ?? apiVersion?.Split('/')[0] ?? string.Empty;
        var version = apiVersion?.Contains('/', StringComparison.Ordinal) == true ? apiVersion.Split('/')[1] : KnownVersions.GetValueOrDefault($"{group}/{kind}");
        var described = $"{kind}.{group}/{JsonPath.String(reference, "name")}";
        return kind.Length == 0 || version is null
            ? (null, described)
            : (new ResourceKind(group, version, kind.ToLowerInvariant() + "s", kind), described);
    }

    private static CapiObject Read(JsonElement item)
    {
        var metadata = JsonPath.Object(item, "metadata");
        var owners = JsonPath.Array(metadata, "ownerReferences").Select(o => JsonPath.String(o, "uid")).OfType<string>().ToList();
        var conditions = JsonPath.Array(JsonPath.Object(item, "status"), "conditions").ToList();
        var condition = ConditionTypes
            .Select(type => conditions.FirstOrDefault(c => JsonPath.String(c, "type") == type))
            .Where(c => c.ValueKind == JsonValueKind.Object)
            .Select(c => new CapiCondition(JsonPath.String(c, "type")!, JsonPath.String(c, "status") ?? "Unknown", JsonPath.String(c, "reason") ?? string.Empty,
                JsonPath.Timestamp(c, "lastTransitionTime"), JsonPath.String(c, "message") ?? string.Empty))
            .FirstOrDefault();
        return new CapiObject(JsonPath.String(item, "kind") ?? string.Empty, JsonPath.String(item, "apiVersion") ?? string.Empty,
            metadata is { } m ? JsonPath.String(m, "name") ?? string.Empty : string.Empty,
            metadata is { } u ? JsonPath.String(u, "uid") ?? string.Empty : string.Empty, owners, condition, item);
    }

    /// <summary>Each object under its owner; an object whose owners are not among them is a root (the Cluster, or an orphan after it).</summary>
    private static List<CapiNode> Arrange(List<CapiObject> objects)
    {
        var uids = objects.Select(o => o.Uid).ToHashSet(StringComparer.Ordinal);
        CapiNode Node(CapiObject parent, HashSet<string> seen) => new(parent, Ordered(objects
            .Where(o => o.OwnerUids.Contains(parent.Uid) && seen.Add(o.Uid)))
            .Select(o => Node(o, seen)).ToList());
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Ordered(objects.Where(o => !o.OwnerUids.Any(uids.Contains)))
            .Where(o => visited.Add(o.Uid))
            .Select(o => Node(o, visited)).ToList();
    }

    /// <summary>clusterctl's order: the Cluster, its infrastructure, the control plane, then the workers; by name within a kind.</summary>
    private static IEnumerable<CapiObject> Ordered(IEnumerable<CapiObject> objects) =>
        objects.OrderBy(Rank).ThenBy(o => o.Name, StringComparer.Ordinal);

    private static int Rank(CapiObject o) => o.ApiVersion.Split('/')[0] switch
    {
        ClusterGroup when o.Kind == "Cluster" => 0,
        "infrastructure.cluster.x-k8s.io" => 1,
        "controlplane.cluster.x-k8s.io" => 2,
        _ => o.Kind switch { "MachineDeployment" => 3, "MachineSet" => 4, "Machine" => 5, _ => 6 },
    };
}
