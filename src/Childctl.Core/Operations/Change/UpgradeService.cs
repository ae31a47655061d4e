using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations.Create;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Change;

/// <summary>
/// <c>upgrade NAME --to TEMPLATE</c>, or with a null <paramref name="Target"/> <c>--latest</c> (the newest of the
/// cluster's available upgrades, chosen on the object the patch replaces); <see cref="Wait"/> then waits until k0rdent
/// reports the upgraded cluster Ready. A batch upgrade sets <see cref="Namespace"/> (else the session's) and
/// <see cref="ExpectedUid"/>, the incarnation its plan showed: another one under the name is refused.
/// </summary>
public sealed record UpgradeRequest(string Name, string? Target)
{
    public string? Namespace { get; init; }

    public string? ExpectedUid { get; init; }

    public TimeSpan? Wait { get; init; }

    /// <summary>Upgrade even on top of a change in flight (<see cref="ChangeGuard"/>); recorded as forced.</summary>
    public bool Force { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The template before and after, and the object after the patch.</summary>
public sealed record UpgradeResult(string Namespace, string From, string To, ClusterDeployment Cluster);

/// <summary>What <c>upgrade NAME --list</c> shows: the current template and the targets k0rdent allows (<c>status.availableUpgrades</c>).</summary>
public sealed record UpgradeOptions(string Namespace, string Name, string CurrentTemplate, IReadOnlyList<string> AvailableUpgrades);

/// <summary>
/// What <c>upgrade --list</c> without NAME shows (<c>-A</c>, <c>-l</c>, ...): the clusters of the selection that have
/// available upgrades, by namespace then name, and how many clusters the selection held in all.
/// </summary>
public sealed record UpgradeListing(string? Namespace, IReadOnlyList<UpgradeOptions> Upgradable, int Total);

/// <summary>
/// <c>upgrade</c>: moves <c>spec.template</c> only along <c>status.availableUpgrades</c> (the paths k0rdent's
/// ClusterTemplateChains allow; its webhook would refuse others), with a merge patch stamped with provenance, and
/// records <c>cluster_upgraded</c> from → to. Every check is made before anything is recorded; <see cref="ChangeGuard"/>
/// refuses an upgrade on top of a change in flight unless <see cref="UpgradeRequest.Force"/>.
/// </summary>
public sealed class UpgradeService(Session session)
{
    private const string Action = "upgrade";

    public async Task<UpgradeOptions> ListAsync(string name, CancellationToken cancellationToken)
    {
        var ns = session.OneNamespace("upgrade");
        var cluster = await IncarnationTracker.GetAsync(session, ns, name, cancellationToken);
        return new UpgradeOptions(ns, name, cluster.Template, cluster.AvailableUpgrades);
    }

    public async Task<UpgradeListing> ListManyAsync(ClusterFilter filter, CancellationToken cancellationToken)
    {
        var listing = await new ListClustersService(session).ListAsync(new ListRequest(filter), cancellationToken);
        var upgradable = listing.Clusters
            .Where(o => o.Cluster.AvailableUpgrades.Count > 0)
            .Select(o => new UpgradeOptions(o.Cluster.Namespace, o.Cluster.Name, o.Cluster.Template, o.Cluster.AvailableUpgrades))
            .ToList();
        return new UpgradeListing(listing.Namespace, upgradable, listing.Clusters.Count);
    }

    public async Task<UpgradeResult> UpgradeAsync(UpgradeRequest request, IChangeObserver<UpgradeResult>? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = request.Namespace ?? session.OneNamespace("upgrade");
        var (current, templates) = await ReadAsync(ns, request.Name, cancellationToken);
        var forced = Check(current, ns, request with { Target = request.Target ?? Latest(current, templates) }, templates);
        var recorder = session.Recorder(request.Reason);
        var target = new RecordedChange.Target(ns, request.Name, ChangeActions.Upgrade)
        {
            Uid = current.Uid,
            FailureParameters = ChangeGuard.Forced(new Dictionary<string, string>(StringComparer.Ordinal) { ["to"] = request.Target ?? "latest" }, forced),
        };
        var result = await RecordedChange.RunAsync(session, target, async change =>
        {
            UpgradeRequest Chosen(ClusterDeployment cluster) => request with { Target = request.Target ?? Latest(cluster, templates) };
            var (before, after) = await SpecChange.ApplyAsync(session.Api, change, recorder.Operation, Action, ns, request.Name, cluster =>
            {
                target.Uid = cluster.Uid;
                var chosen = Chosen(cluster);
                forced = Check(cluster, ns, chosen, templates);
                return new JsonObject { ["template"] = chosen.Target };
            }, cluster => ChangeGuard.Forced(new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = cluster.Template, ["to"] = Chosen(cluster).Target! }, forced), cancellationToken);
            var parameters = ChangeGuard.Forced(new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = before.Template, ["to"] = after.Template }, forced);
            var message = $"template {before.Template} → {after.Template}" + (forced.Count > 0 ? " (forced)" : string.Empty);
            var record = new OperationRecord(HistoryActions.ClusterUpgraded, after.Uid, SpecSnapshot.AddTo(parameters, after), message);
            return (new UpgradeResult(ns, before.Template, after.Template, after), (OperationRecord?)record);
        }, cancellationToken);
        observer?.OnChanged(result);
        cancellationToken.ThrowIfCancellationRequested(); // a Ctrl-C during the write: it is recorded and shown, and the command stops
        if (request.Wait is { } timeout)
        {
            await new WaitService(session).WaitAsync(
                new WaitRequest(ns, request.Name, WaitGoal.Ready, timeout, recorder.Operation.StartedAt, result.Cluster.Uid), observer, cancellationToken);
        }

        return result;
    }

    private async Task<(ClusterDeployment Cluster, TemplateCatalog Templates)> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var clusterTask = IncarnationTracker.GetAsync(session, ns, name, cancellationToken);
        var templatesTask = TemplateCatalog.ReadAsync(session.Api, ns, cancellationToken);
        await Task.WhenAll(clusterTask, templatesTask);
        return (await clusterTask, await templatesTask);
    }

    /// <summary>Every check before the patch: the target (allowed, exists, valid, same cloud), then <see cref="ChangeGuard"/>; returns what was forced.</summary>
    private static IReadOnlyList<string> Check(ClusterDeployment cluster, string ns, UpgradeRequest request, TemplateCatalog templates)
    {
        CheckAllowed(cluster, request);
        CheckTarget(cluster, ns, request, templates);
        return ChangeGuard.Check(cluster, SpecChangeKind.Upgrade, request.Force);
    }

    /// <summary>
    /// The checks create makes of its template, for the target: k0rdent's chains are the operator's word and may name a
    /// template that is missing, not valid, or for another cloud; moving a cluster there only turns it Failed.
    /// Skipped when no ClusterTemplate can be read at all (a user without that permission).
    /// </summary>
    private static void CheckTarget(ClusterDeployment cluster, string ns, UpgradeRequest request, TemplateCatalog templates)
    {
        if (ReferenceEquals(templates, TemplateCatalog.Empty))
        {
            return;
        }

        var target = templates.Find(ns, request.Target!) ?? throw ChildctlException.NotFound(
            $"ClusterTemplate \"{request.Target}\" not found in namespace \"{ns}\", though status.availableUpgrades names it; " +
            $"'childctl templates -n {ns}' lists what exists");
        if (!target.Valid)
        {
            throw ChildctlException.InvalidInput(
                $"ClusterTemplate \"{request.Target}\" is not valid ({target.ValidationError ?? "k0rdent has not marked it valid"}); upgrading to it would fail the cluster");
        }

        var current = templates.Find(ns, cluster.Template)?.InfrastructureProvider;
        if (current is not null && target.InfrastructureProvider is { } next && next != current)
        {
            throw ChildctlException.InvalidInput(
                $"ClusterTemplate \"{request.Target}\" is for {next}, but ClusterDeployment \"{request.Name}\" runs on {current} ({cluster.Template}); a cluster cannot move clouds");
        }
    }

    /// <summary>
    /// The newest of a cluster's available upgrades (<c>--latest</c>): by the template's chart version when the catalog
    /// has it, else by the version its name ends with (<c>aws-standalone-cp-1-0-43</c>); null when there is none.
    /// </summary>
    internal static string? Latest(ClusterDeployment cluster, TemplateCatalog templates)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(templates);
        return cluster.AvailableUpgrades
            .OrderByDescending(name => ChartVersion.Parse(templates.Find(cluster.Namespace, name)?.ChartVersion ?? NameVersion(name)))
            .ThenByDescending(name => name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>The version a template's name ends with, dashes read as dots: <c>aws-standalone-cp-1-0-43</c> → 1.0.43.</summary>
    private static string NameVersion(string name)
    {
        var parts = name.Split('-');
        var digits = parts.Reverse().TakeWhile(p => p.Length > 0 && p.All(char.IsAsciiDigit)).Reverse();
        return string.Join('.', digits);
    }

    /// <summary>The target is one of <c>status.availableUpgrades</c> (k0rdent's webhook refuses others); also for <c>edit</c>.</summary>
    internal static void CheckAllowed(ClusterDeployment cluster, UpgradeRequest request)
    {
        if (request.ExpectedUid is { } uid && cluster.Uid != uid)
        {
            throw new ChildctlException(ErrorKind.Conflict, $"ClusterDeployment \"{request.Name}\" was recreated since the plan (uid {cluster.Uid}, planned {uid}); not upgraded");
        }

        if (request.Target is null)
        {
            throw ChildctlException.InvalidInput($"ClusterDeployment \"{request.Name}\" has no available upgrades from {cluster.Template} (status.availableUpgrades is empty)");
        }

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
