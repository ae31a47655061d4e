using Childctl.Core.ClusterDeployments;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.History.Events;
using Childctl.History.Naming;
using Childctl.History.Store;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// <c>audit</c>: reads every live ClusterDeployment in scope, then every history file of this management cluster in
/// the same scope, and classifies each name with <see cref="AuditClassifier"/>. The API is read first and must answer:
/// when it cannot, the audit fails (Unreachable) and never judges from history alone. With <c>Record</c>, each finding
/// is appended as observed events with deterministic ids, so a second audit of the same state appends nothing; nothing
/// already in history is changed. When some findings concern history recorded against another API server (see
/// <see cref="ServerChange"/>), they are reported, but Record fails (InvalidInput) without appending anything unless the
/// request accepts the change.
/// </summary>
public sealed class AuditService
{
    private readonly ManagementApi _api;
    private readonly IHistoryStore _store;
    private readonly TimeProvider _time;

    public AuditService(ManagementApi api, IHistoryStore store, TimeProvider time)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<AuditReport> AuditAsync(AuditRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Namespace is not null)
        {
            KubernetesNames.ValidateNamespace(request.Namespace);
        }

        var live = (await _api.ListAsync(K0rdentKinds.ClusterDeployment, request.Namespace, null, cancellationToken)).Items
            .Select(ClusterDeploymentReader.Read)
            .ToDictionary(c => (c.Namespace, c.Name));
        var subjects = await SubjectsAsync(request.Namespace, live, cancellationToken);
        var findings = subjects.Select(AuditClassifier.Classify).ToList();
        var change = ServerChange.Find(_api.Cluster.ClusterName, _api.Cluster.Server, findings);
        if (request.Record && change is not null && !request.AcceptServerChange)
        {
            throw change.Refusal();
        }

        int? recorded = request.Record ? await RecordAsync(findings, request.Operation, cancellationToken) : null;
        return new AuditReport(_api.Cluster.ClusterName, request.Namespace, _time.GetUtcNow(), findings, recorded) { ServerChange = change };
    }

    private async Task<List<AuditSubject>> SubjectsAsync(
        string? ns, Dictionary<(string Namespace, string Name), ClusterDeployment> live, CancellationToken cancellationToken)
    {
        var files = _store.ListStreams(_api.Cluster.ClusterName, ns).ToDictionary(s => (s.Stream.Namespace, s.Stream.Name));
        var subjects = new List<AuditSubject>();
        foreach (var key in live.Keys.Union(files.Keys).OrderBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<HistoryEvent> events = [];
            string? path = null;
            if (files.TryGetValue(key, out var info))
            {
                var read = await _store.ReadAsync(info.Stream, cancellationToken);
                events = read.Document?.Events ?? [];
                path = read.Path;
            }

            var cluster = live.TryGetValue(key, out var c) ? LiveCluster.From(c) : null;
            subjects.Add(new AuditSubject(key.Namespace, key.Name, cluster, events, path));
        }

        return subjects;
    }

    private async Task<int> RecordAsync(IReadOnlyList<AuditFinding> findings, OperationContext operation, CancellationToken cancellationToken)
    {
        var appended = 0;
        foreach (var finding in findings.Where(f => !f.IsInStep))
        {
            var stream = new HistoryStreamId(_api.Cluster.ClusterName, finding.Namespace, finding.Name);
            foreach (var e in AuditRecords.For(finding, _api.Cluster, operation))
            {
                // One event per append: each is a no-op on its own when an earlier audit (or a wait) already wrote it.
                var result = await _store.AppendAsync(stream, [e], null, cancellationToken);
                appended += result.Appended ? 1 : 0;
            }
        }

        return appended;
    }
}
