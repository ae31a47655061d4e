using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// Findings whose history was recorded against another API server than this context's. History is filed by kubeconfig
/// cluster name (DESIGN.md), so two management clusters that share a name share a folder: two sandboxes, or one
/// restarted (each start is a new, empty world on a new port). An audit of one then reports the other's clusters as
/// deleted elsewhere, and recording that would make the false findings permanent. Each event names the server it was
/// written against; a cluster's history counts as recorded against the server of its latest event that names one.
/// Clusters in step are left out: a live object with the recorded uid shows that the history is this cluster's.
/// </summary>
public sealed record ServerChange(string ManagementCluster, string Server, IReadOnlyList<string> RecordedServers, IReadOnlyList<AuditFinding> Findings)
{
    private const int NamesShown = 3;

    /// <summary>The findings (not in step) whose history names another server than <paramref name="server"/>, or null when there are none.</summary>
    public static ServerChange? Find(string managementCluster, string server, IReadOnlyList<AuditFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var affected = findings.Where(f => !f.IsInStep && f.RecordedServer is { } recorded && !SameServer(recorded, server)).ToList();
        return affected.Count == 0
            ? null
            : new ServerChange(managementCluster, server, affected.Select(f => f.RecordedServer!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), affected);
    }

    /// <summary>True for one server written two ways: scheme, host and port compared as URLs (so a trailing slash or an explicit default port do not count).</summary>
    public static bool SameServer(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
            ? Uri.Compare(x, y, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            : string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"the history of 2 clusters filed under mgmt (kcm-system/a, kcm-system/b) was recorded against X, not this context's server Y".</summary>
    public string Describe()
    {
        var names = Findings.Take(NamesShown).Select(f => $"{f.Namespace}/{f.Name}");
        var more = Findings.Count > NamesShown ? $" and {Findings.Count - NamesShown} more" : string.Empty;
        var clusters = Findings.Count == 1 ? "1 cluster" : $"{Findings.Count} clusters";
        return $"the history of {clusters} filed under {ManagementCluster} ({string.Join(", ", names)}{more}) was recorded against "
            + $"{string.Join(" and ", RecordedServers)}, not this context's server {Server}";
    }

    /// <summary>The error of an <c>audit --record</c> that would append these findings without <c>--accept-server-change</c>.</summary>
    public ChildctlException Refusal() => ChildctlException.InvalidInput(
        $"audit --record refused, nothing was recorded: {Describe()}, so those findings may be about another management cluster "
        + "of the same name. Give each management cluster its own kubeconfig cluster name or --history-dir; if this is the "
        + "same management cluster at a new address, run audit --record --accept-server-change");
}
