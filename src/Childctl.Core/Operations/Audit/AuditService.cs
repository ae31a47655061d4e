using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.History.Storage;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// One audit of the session's scope: whether to append the findings to history (as the audit's own operation, whose id,
/// user and command line the recorded events carry), and whether <c>Record</c> may append findings whose history was
/// recorded against another API server (see <see cref="Audit.ServerChange"/>).
/// </summary>
public sealed record AuditRequest(bool Record, bool AcceptServerChange = false);

/// <summary>
/// <c>audit</c>: reads every live ClusterDeployment in scope, then every history file of this management cluster in
/// the same scope, and classifies each name with <see cref="AuditClassifier"/>. The API is read first and must answer:
/// when it cannot, the audit fails (Unreachable) and never judges from history alone. With <c>Record</c>, each finding
/// is appended as observed events with deterministic ids, so a second audit of the same state appends nothing; nothing
/// already in history is changed. When some findings concern history recorded against another API server (see
/// <see cref="ServerChange"/>), they are reported, but Record fails (InvalidInput) without appending anything unless the
/// request accepts the change.
/// </summary>
public sealed class AuditService(Session session)
{
    public async Task<AuditReport> AuditAsync(AuditRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = session.Scope;
        if (ns is not null)
        {
            LocalHistory.Guard(() =>
            {
                KubernetesNames.ValidateNamespace(ns);
                return true;
            });
        }

        var api = session.Api;
        var live = (await api.ListAsync(K0rdentKinds.ClusterDeployment, ns, null, cancellationToken)).Items
            .Select(ClusterDeploymentReader.Read)
            .ToDictionary(c => (c.Namespace, c.Name));
        var subjects = await SubjectsAsync(ns, live, cancellationToken);

        // A name whose history holds only failed attempts (a create the API refused) was never a cluster: not a finding.
        var attempts = subjects.Where(AuditClassifier.IsOnlyFailedAttempts).ToList();
        var findings = subjects.Except(attempts).Select(AuditClassifier.Classify).ToList();
        var change = ServerChange.Find(api.Cluster.ClusterName, api.Cluster.Server, findings);
        if (request.Record && change is not null && !request.AcceptServerChange)
        {
            throw change.Refusal();
        }

        int? recorded = request.Record ? await RecordAsync(findings, session.Recorder().Operation, cancellationToken) : null;
        return new AuditReport(api.Cluster.ClusterName, ns, session.Time.GetUtcNow(), findings, recorded)
        {
            ServerChange = change,
            FailedAttemptsOnly = attempts.Select(a => $"{a.Namespace}/{a.Name}").ToList(),
        };
    }

    private async Task<List<AuditSubject>> SubjectsAsync(
        string? ns, Dictionary<(string Namespace, string Name), ClusterDeployment> live, CancellationToken cancellationToken)
    {
        var history = session.History;
        var files = history.ListStreams(session.Cluster.ClusterName, ns).ToDictionary(s => (s.Stream.Namespace, s.Stream.Name));
        var team = history.Team is { } store ? await store.ReadAsync(ns, null, cancellationToken) : TeamRead.Off;
        if (team.Warning is { } warning)
        {
            session.Options.OnHistoryWarning?.Invoke(warning);
        }

        var subjects = new List<AuditSubject>();
        var names = live.Keys.Union(files.Keys).Union(team.Series.Keys);
        foreach (var key in names.OrderBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<HistoryEvent> events = [];
            string? path = null;
            if (files.TryGetValue(key, out var info))
            {
                var read = await history.ReadAsync(info.Stream, cancellationToken);
                events = read.Document?.Events ?? [];
                path = read.Path;
            }

            var merged = team.Merge(new HistoryStreamId(session.Cluster.ClusterName, key.Namespace, key.Name), events);
            var cluster = live.TryGetValue(key, out var c) ? LiveCluster.From(c) : null;
            subjects.Add(new AuditSubject(key.Namespace, key.Name, cluster, merged.Events, path ?? (team.Used ? TeamViews.TeamStoreLocation : null))
            {
                FromTeam = merged.Events.Where(e => merged.OriginOf(e) == EventOrigin.Team).ToHashSet<HistoryEvent>(ReferenceEqualityComparer.Instance),
            });
        }

        return subjects;
    }

    private async Task<int> RecordAsync(IReadOnlyList<AuditFinding> findings, OperationContext operation, CancellationToken cancellationToken)
    {
        var appended = 0;
        foreach (var gone in findings.Where(f => f.IsInStep && f.Live is null && f.Uid is not null))
        {
            // Gone after a recorded delete that nobody saw complete: the gone milestone, as a bound (gone by now).
            appended += await IncarnationTracker.RecordGoneAsync(session, gone.Namespace, gone.Name, cancellationToken) ? 1 : 0;
        }

        foreach (var finding in findings.Where(f => !f.IsInStep || f.MetadataBaselineMissing))
        {
            var stream = new HistoryStreamId(session.Cluster.ClusterName, finding.Namespace, finding.Name);
            foreach (var e in AuditRecords.For(finding, session.Cluster, operation))
            {
                // One event per append: each is a no-op on its own when an earlier audit (or a wait) already wrote it.
                var result = await session.History.AppendAsync(stream, e, cancellationToken);
                appended += result.Appended ? 1 : 0;
            }
        }

        return appended;
    }
}
