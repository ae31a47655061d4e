namespace Childctl.Core.History;

/// <summary>
/// Read access to one cluster's local history, as <c>status</c> shows it. Only that cluster's file is read;
/// nothing in it is ever taken as the cluster's state.
/// </summary>
public interface IClusterHistory
{
    /// <summary>The last <paramref name="count"/> entries of (management cluster, namespace, name), oldest first.</summary>
    Task<HistoryExcerpt> ReadLatestAsync(string managementCluster, string ns, string name, int count, CancellationToken cancellationToken);
}
