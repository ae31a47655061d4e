using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.History.Query;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Listing;

/// <summary>What a Tab completes: the names of one kind of object.</summary>
public enum CompletionKind
{
    Clusters,
    Templates,
    Credentials,
    Namespaces,
}

/// <summary>
/// The names a shell offers on Tab. <see cref="LiveAsync"/> asks the API (one list, or one GET for a cluster's upgrade
/// targets), in the session's namespace (all with -A); the caller bounds it with a short time limit. <see cref="FromHistory"/>
/// is the offline fallback: the names local history knows (clusters and their namespaces from the file names, templates and
/// credentials from the recorded parameters), read from the files only, never from the team store or the API. Contexts
/// come from the kubeconfig alone. Every answer is sorted and without duplicates.
/// </summary>
public sealed class CompletionNames(Session session)
{
    public async Task<IReadOnlyList<string>> LiveAsync(CompletionKind kind, CancellationToken cancellationToken)
    {
        var api = session.Api;
        var names = kind switch
        {
            CompletionKind.Clusters => (await api.ListAsync(K0rdentKinds.ClusterDeployment, session.Scope, null, cancellationToken)).Items.Select(NameOf),
            CompletionKind.Templates => (await api.ListAsync(K0rdentKinds.ClusterTemplate, session.Scope, null, cancellationToken)).Items.Select(NameOf),
            CompletionKind.Credentials => (await api.ListAsync(K0rdentKinds.Credential, session.Scope, null, cancellationToken)).Items.Select(NameOf),
            _ => (await api.ListAsync(ResourceKind.Namespace, null, null, cancellationToken)).Items.Select(NameOf),
        };
        return Sorted(names);
    }

    /// <summary>The templates k0rdent allows cluster <paramref name="name"/> to move to (its status.availableUpgrades).</summary>
    public async Task<IReadOnlyList<string>> UpgradeTargetsAsync(string name, CancellationToken cancellationToken)
    {
        var cluster = ClusterDeploymentReader.Read(await session.Api.GetAsync(K0rdentKinds.ClusterDeployment, session.OneNamespace("upgrade"), name, cancellationToken));
        return Sorted(cluster.AvailableUpgrades);
    }

    /// <summary>The upgrade targets of every cluster in the session's namespace (all with -A), from one list.</summary>
    public async Task<IReadOnlyList<string>> UpgradeTargetsOfAllAsync(CancellationToken cancellationToken)
    {
        var list = await session.Api.ListAsync(K0rdentKinds.ClusterDeployment, session.Scope, null, cancellationToken);
        return Sorted(list.Items.SelectMany(i => ClusterDeploymentReader.Read(i).AvailableUpgrades));
    }

    /// <summary>The names local history knows for <paramref name="kind"/>, on the context's management cluster (every one without a usable kubeconfig).</summary>
    public async Task<IReadOnlyList<string>> FromHistoryAsync(CompletionKind kind, CancellationToken cancellationToken)
    {
        var managementCluster = ManagementClusterOrNull();
        var ns = kind == CompletionKind.Namespaces || session.Options.AllNamespaces ? null : NamespaceOrNull();
        var streams = session.History.ListStreams(managementCluster, ns);
        if (kind is CompletionKind.Clusters or CompletionKind.Namespaces)
        {
            return Sorted(streams.Select(s => kind == CompletionKind.Clusters ? s.Stream.Name : s.Stream.Namespace));
        }

        var key = kind == CompletionKind.Templates ? "template" : "credential";
        var reader = new HistoryReader(session.History.Store);
        var names = new List<string>();
        await foreach (var outcome in reader.ReadEachAsync(managementCluster, ns, null, HistoryFilter.All, cancellationToken))
        {
            names.AddRange((outcome.History?.Events ?? []).Select(e => e.Parameters?.GetValueOrDefault(key)).OfType<string>().Where(v => v.Length > 0));
        }

        return Sorted(names);
    }

    /// <summary>The context names of the kubeconfig (--kubeconfig, else $KUBECONFIG's files merged, else ~/.kube/config); no API call.</summary>
    public static IReadOnlyList<string> Contexts(string? kubeconfigPath, Func<string, string?> environment) =>
        Sorted(KubeconfigResolver.ContextNames(kubeconfigPath, environment));

    private string? ManagementClusterOrNull()
    {
        try
        {
            return session.Cluster.ClusterName;
        }
        catch (Errors.ChildctlException)
        {
            return null;
        }
    }

    private string? NamespaceOrNull()
    {
        try
        {
            return session.Cluster.DefaultNamespace;
        }
        catch (Errors.ChildctlException)
        {
            return session.Options.ExplicitNamespace;
        }
    }

    private static string NameOf(System.Text.Json.JsonElement item) =>
        JsonPath.Find(item, "metadata", "name") is { ValueKind: System.Text.Json.JsonValueKind.String } name ? name.GetString() ?? string.Empty : string.Empty;

    private static List<string> Sorted(IEnumerable<string> names) =>
        names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
