using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Kubernetes.Watching;

namespace Childctl.Cli.Output;

/// <summary>
/// How <c>list -w</c> prints, as <c>kubectl get -w</c>: the list once (the same table, or objects, as <c>list</c>), then
/// one row or object per change. Rows printed later keep the first table's column widths, so they line up under it (a
/// wider cell widens its column from there on); a change that leaves a row exactly as last printed prints nothing.
/// <c>-o json</c> prints each object on a line of its own, <c>-o yaml</c> documents separated by <c>---</c>,
/// <c>-o name</c> and <c>jsonpath</c> one per change, <c>custom-columns</c> rows as the table's.
/// </summary>
internal sealed class ListWatchView(Invocation inv, bool wide, Func<IReadOnlyList<ClusterOverview>, TableLayout> layoutOf) : IListWatchObserver
{
    private readonly Dictionary<string, string> _lastRows = new(StringComparer.Ordinal);
    private readonly CustomColumns? _columns = inv.Output == OutputFormat.CustomColumns ? CustomColumns.Parse(inv.OutputTemplate!) : null;
    private bool _showNamespace;
    private bool _headed;
    private bool _printedObject;
    private int[]? _widths;

    public void OnListed(ClusterListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        _showNamespace = listing.Namespace is null;
        if (listing.Clusters.Count == 0)
        {
            inv.Err.WriteLine(listing.Namespace is null ? "No clusters found in any namespace." : $"No clusters found in namespace {listing.Namespace}.");
        }

        Print(listing.Clusters, deleted: false);
    }

    public void OnChange(ListedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Print([change.Overview], change.Kind == WatchChangeKind.Deleted);
    }

    private void Print(IReadOnlyList<ClusterOverview> clusters, bool deleted)
    {
        if (clusters.Count == 0)
        {
            return;
        }

        switch (inv.Output)
        {
            case OutputFormat.Table or OutputFormat.Wide or OutputFormat.CustomColumns:
                PrintRows(clusters, deleted);
                break;
            default:
                foreach (var overview in clusters)
                {
                    inv.Out.Write(Object(ObjectOutput.WithDerived(overview)));
                }

                break;
        }

        inv.Out.Flush();
    }

    private string Object(JsonElement item)
    {
        var separator = inv.Output == OutputFormat.Yaml && _printedObject ? "---\n" : string.Empty;
        _printedObject = true;
        return separator + (inv.Output == OutputFormat.Json ? JsonOutput.Line(item) : ObjectOutput.One(inv, K0rdentKinds.ClusterDeployment.NamePrefix, item));
    }

    /// <summary>The rows, under the header the first time, as wide as the columns were so far; a row unchanged since it was last printed is left out.</summary>
    private void PrintRows(IReadOnlyList<ClusterOverview> clusters, bool deleted)
    {
        var layout = layoutOf(clusters);
        var headed = _headed || layout.NoHeaders;
        _headed = true;
        var table = _columns is null
            ? ClusterListView.Table(clusters, wide, _showNamespace, inv.Now, _widths)
            : _columns.Table(clusters.Select(ObjectOutput.WithDerived), _widths);
        layout = _columns is null ? layout : CustomColumns.Plain(layout);
        _widths = table.Widths(layout);
        var rows = table.Render(layout with { NoHeaders = true }).Split('\n');
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < clusters.Count; i++)
        {
            var key = $"{clusters[i].Cluster.Namespace}/{clusters[i].Cluster.Name}";
            if (!deleted && _lastRows.TryGetValue(key, out var last) && last == rows[i])
            {
                continue;
            }

            if (deleted)
            {
                _lastRows.Remove(key);
            }
            else
            {
                _lastRows[key] = rows[i];
            }

            text.Append(rows[i]).Append('\n');
        }

        if (text.Length == 0)
        {
            return;
        }

        if (!headed)
        {
            var header = table.Render(layout with { NoHeaders = false });
            text.Insert(0, header[..(header.IndexOf('\n', StringComparison.Ordinal) + 1)]);
        }

        inv.Out.Write(text.ToString());
    }
}
