namespace Childctl.Core.Kubernetes.Config;

/// <summary>
/// The parts of one kubeconfig (or of a KUBECONFIG list merged by kubectl's rule) that childctl uses. Entries keep
/// file order; within a merged list the first file that defines a name wins, and so does the first current-context.
/// </summary>
internal sealed record KubeconfigDocument(
    string? CurrentContext,
    IReadOnlyList<KubeconfigContext> Contexts,
    IReadOnlyList<KubeconfigCluster> Clusters,
    IReadOnlyList<KubeconfigUser> Users)
{
    public static KubeconfigDocument Merge(IEnumerable<KubeconfigDocument> documents)
    {
        string? current = null;
        var contexts = new List<KubeconfigContext>();
        var clusters = new List<KubeconfigCluster>();
        var users = new List<KubeconfigUser>();
        foreach (var document in documents)
        {
            current = string.IsNullOrEmpty(current) ? document.CurrentContext : current;
            AddNew(contexts, document.Contexts, c => c.Name);
            AddNew(clusters, document.Clusters, c => c.Name);
            AddNew(users, document.Users, u => u.Name);
        }

        return new KubeconfigDocument(current, contexts, clusters, users);
    }

    private static void AddNew<T>(List<T> into, IEnumerable<T> from, Func<T, string> name)
    {
        var seen = new HashSet<string>(into.Select(name), StringComparer.Ordinal);
        into.AddRange(from.Where(item => seen.Add(name(item))));
    }
}
