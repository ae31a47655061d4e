using Childctl.Core.Errors;
using Childctl.History.Naming;
using Childctl.History.Query;
using Childctl.History.Store;

namespace Childctl.Core.Operations;

/// <summary>
/// Reads local history. Never contacts the API. One cluster in a known management cluster and namespace reads
/// exactly one file; otherwise the matching files are read one at a time.
/// </summary>
public sealed class HistoryService
{
    private readonly HistoryReader _reader;

    public HistoryService(IHistoryStore store)
    {
        _reader = new HistoryReader(store);
    }

    public async Task<HistoryResult> QueryAsync(HistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = request.Scope;
        if (scope.Namespace is not null)
        {
            KubernetesNames.ValidateNamespace(scope.Namespace);
        }

        if (request.Name is not null)
        {
            KubernetesNames.ValidateClusterName(request.Name);
        }

        var clusters = new List<ClusterHistory>();
        if (request.Name is not null && scope.ManagementCluster is not null && scope.Namespace is not null)
        {
            var one = await _reader.ReadClusterAsync(new HistoryStreamId(scope.ManagementCluster, scope.Namespace, request.Name), request.Filter, cancellationToken);
            if (one is not null)
            {
                clusters.Add(one);
            }
        }
        else
        {
            await foreach (var cluster in _reader.ReadManyAsync(scope.ManagementCluster, scope.Namespace, request.Name, request.Filter, cancellationToken))
            {
                // Across clusters, one with nothing matching the filter is left out rather than listed empty.
                if (cluster.Events.Count > 0 || request.Filter.IsEmpty)
                {
                    clusters.Add(cluster);
                }
            }
        }

        if (request.Name is not null && clusters.Count == 0)
        {
            var where = scope.Namespace is null ? "any namespace" : $"namespace {scope.Namespace}";
            var mc = scope.ManagementCluster is null ? "any management cluster" : $"management cluster {scope.ManagementCluster}";
            throw ChildctlException.NotFound($"no local history for cluster {request.Name} in {where} on {mc}: 'childctl history' lists the clusters that have history");
        }

        return new HistoryResult(clusters, scope.Notice);
    }
}
