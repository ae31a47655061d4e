using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Upgrade;

/// <summary>
/// <c>upgrade</c>: moves <c>spec.template</c> only along <c>status.availableUpgrades</c> (the paths k0rdent's
/// ClusterTemplateChains allow; its webhook would refuse others), with a merge patch stamped with provenance, and
/// records <c>cluster_upgraded</c> from → to.
/// </summary>
public sealed class UpgradeService
{
    private const string Action = "upgrade";
    private readonly ManagementApi _api;
    private readonly HistoryRecorder? _history;

    public UpgradeService(ManagementApi api, HistoryRecorder? history)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history;
    }

    public async Task<UpgradeOptions> ListAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var cluster = ClusterDeploymentReader.Read(await _api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken));
        return new UpgradeOptions(ns, name, cluster.Template, cluster.AvailableUpgrades);
    }

    public async Task<UpgradeResult> UpgradeAsync(UpgradeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = _history ?? throw new InvalidOperationException("upgrade needs a history recorder");
        string? uid = null;
        await history.EnsureRecordableAsync(request.Namespace, request.Name, cancellationToken);
        var templates = await TemplateLookup.ReadAsync(_api, request.Namespace, cancellationToken);
        try
        {
            var (before, after) = await SpecChange.ApplyAsync(_api, history.Operation, Action, request.Namespace, request.Name, cluster =>
            {
                uid = cluster.Uid;
                CheckAllowed(cluster, request);
                CheckTarget(cluster, request, templates);
                return new JsonObject { ["template"] = request.Target };
            }, cancellationToken);
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = before.Template, ["to"] = after.Template };
            await history.RecordAsync(request.Namespace, request.Name,
                new OperationRecord(HistoryActions.ClusterUpgraded, after.Uid, SpecSnapshot.AddTo(parameters, after), $"template {before.Template} → {after.Template}"), cancellationToken);
            return new UpgradeResult(before.Template, after.Template, after);
        }
        catch (ChildctlException e) when (uid is not null && e.Kind != ErrorKind.InvalidInput)
        {
            await history.RecordAsync(request.Namespace, request.Name,
                new OperationRecord(HistoryActions.ClusterUpgradeFailed, uid,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["to"] = request.Target }, Error: e.Message),
                cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// The checks create makes of its template, for the target: k0rdent's chains are the operator's word and may name a
    /// template that is missing, not valid, or for another cloud; moving a cluster there only turns it Failed.
    /// Skipped when no ClusterTemplate can be read at all (a user without that permission).
    /// </summary>
    private static void CheckTarget(ClusterDeployment cluster, UpgradeRequest request, TemplateCatalog templates)
    {
        if (ReferenceEquals(templates, TemplateCatalog.Empty))
        {
            return;
        }

        var target = templates.Find(request.Namespace, request.Target) ?? throw ChildctlException.NotFound(
            $"ClusterTemplate \"{request.Target}\" not found in namespace \"{request.Namespace}\", though status.availableUpgrades names it; " +
            $"'childctl templates -n {request.Namespace}' lists what exists");
        if (!target.Valid)
        {
            throw ChildctlException.InvalidInput(
                $"ClusterTemplate \"{request.Target}\" is not valid ({target.ValidationError ?? "k0rdent has not marked it valid"}); upgrading to it would fail the cluster");
        }

        var current = templates.Find(request.Namespace, cluster.Template)?.InfrastructureProvider;
        if (current is not null && target.InfrastructureProvider is { } next && next != current)
        {
            throw ChildctlException.InvalidInput(
                $"ClusterTemplate \"{request.Target}\" is for {next}, but ClusterDeployment \"{request.Name}\" runs on {current} ({cluster.Template}); a cluster cannot move clouds");
        }
    }

    private static void CheckAllowed(ClusterDeployment cluster, UpgradeRequest request)
    {
        if (cluster.Template == request.Target)
        {
            throw ChildctlException.InvalidInput($"ClusterDeployment \"{request.Name}\" already uses template {request.Target}");
        }

        if (!cluster.AvailableUpgrades.Contains(request.Target, StringComparer.Ordinal))
        {
            throw ChildctlException.InvalidInput(cluster.AvailableUpgrades.Count == 0
                ? $"ClusterDeployment \"{request.Name}\" has no available upgrades from {cluster.Template} (status.availableUpgrades is empty)"
                : $"cannot upgrade ClusterDeployment \"{request.Name}\" from {cluster.Template} to {request.Target}: allowed targets are {string.Join(", ", cluster.AvailableUpgrades)}");
        }
    }
}
