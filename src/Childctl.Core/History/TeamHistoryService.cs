using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>Who may write and who may read the team store: the groups bound to the writer and reader Roles.</summary>
public sealed record TeamEnableRequest(IReadOnlyList<string> WriterGroups, IReadOnlyList<string> ReaderGroups)
{
    public static readonly IReadOnlyList<string> DefaultWriters = ["childctl:operators"];
    public static readonly IReadOnlyList<string> DefaultReaders = ["childctl:viewers"];
}

/// <summary>What <c>history enable-team</c> or <c>disable-team</c> did: the namespace and one line per object (created, updated, kept).</summary>
public sealed record TeamSetupResult(string ManagementCluster, string Namespace, bool Enabled, IReadOnlyList<string> Steps);

/// <summary>What <c>history push</c> did: events sent, events the team store had already, and how many are still pending.</summary>
public sealed record TeamPushResult(string ManagementCluster, string Namespace, int Sent, int AlreadyThere, int StillPending);

/// <summary>
/// <c>history enable-team</c>, <c>disable-team</c> and <c>push</c>: turning the team store on for the whole team (by
/// someone who may create namespaces and Roles), off again (what is stored stays), and sending this machine's history.
/// </summary>
public sealed class TeamHistoryService(Session session)
{
    public const string WriterRole = "childctl-history-writer";
    public const string ReaderRole = "childctl-history-reader";

    public async Task<TeamSetupResult> EnableAsync(TeamEnableRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var team = Team();
        var ns = team.Namespace;
        var steps = new List<string>
        {
            await EnsureAsync(ResourceKind.Namespace, null, ns, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = Meta(ns, null) }, null, cancellationToken),
            await EnsureAsync(ResourceKind.Role, ns, WriterRole, Role(ns, WriterRole, ["get", "list", "watch", "create", "patch", "update"]), RulesOf, cancellationToken),
            await EnsureAsync(ResourceKind.Role, ns, ReaderRole, Role(ns, ReaderRole, ["get", "list", "watch"]), RulesOf, cancellationToken),
            await EnsureAsync(ResourceKind.RoleBinding, ns, WriterRole + "s", Binding(ns, WriterRole, request.WriterGroups), SubjectsOf, cancellationToken),
            await EnsureAsync(ResourceKind.RoleBinding, ns, ReaderRole + "s", Binding(ns, ReaderRole, request.ReaderGroups), SubjectsOf, cancellationToken),
        };
        var now = session.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            ["enabled"] = "true",
            ["format"] = "1",
            ["enabled-by"] = session.Options.User,
            ["enabled-at"] = now,
            ["writers"] = string.Join(",", request.WriterGroups),
            ["readers"] = string.Join(",", request.ReaderGroups),
        };
        var marker = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = Meta(TeamSeries.MarkerName, ns, TeamSeries.MarkerKind), ["data"] = data };
        steps.Add(await EnsureAsync(ResourceKind.ConfigMap, ns, TeamSeries.MarkerName, marker, m => new JsonObject { ["data"] = m["data"]!.DeepClone() }, cancellationToken));
        team.Remember(true);
        return new TeamSetupResult(session.Cluster.ClusterName, ns, true, steps);
    }

    /// <summary>Sets the marker to off; the namespace, Roles and every stored event stay (history is never deleted by childctl).</summary>
    public async Task<TeamSetupResult> DisableAsync(CancellationToken cancellationToken)
    {
        var team = Team();
        var patch = new JsonObject { ["data"] = new JsonObject { ["enabled"] = "false", ["disabled-by"] = session.Options.User } };
        try
        {
            await session.Api.MergePatchAsync(ResourceKind.ConfigMap, team.Namespace, TeamSeries.MarkerName, patch, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw ChildctlException.NotFound($"team history is not enabled on {session.Cluster.ClusterName}: there is no ConfigMap {TeamSeries.MarkerName} in namespace {team.Namespace}");
        }

        team.Remember(false);
        return new TeamSetupResult(session.Cluster.ClusterName, team.Namespace, false,
            [$"configmap/{TeamSeries.MarkerName} set to enabled=false; namespace {team.Namespace}, its Roles and every stored event are kept"]);
    }

    /// <summary>Sends what is pending; with <paramref name="all"/>, every local event of this management cluster the team store lacks.</summary>
    public async Task<TeamPushResult> PushAsync(bool all, CancellationToken cancellationToken)
    {
        var team = Team();
        if (await team.EnabledAsync(readOnly: false, cancellationToken) != true)
        {
            throw ChildctlException.InvalidInput(
                $"team history is not enabled on {session.Cluster.ClusterName} (no ConfigMap {TeamSeries.MarkerName} with enabled=true in namespace {team.Namespace}): someone with rights runs 'childctl history enable-team' first");
        }

        var sent = await team.FlushAsync(cancellationToken);
        var already = 0;
        if (all)
        {
            (var backfilled, already) = await team.BackfillAsync(session.History.Store.ListStreams(session.Cluster.ClusterName), cancellationToken);
            sent += backfilled;
        }

        return new TeamPushResult(session.Cluster.ClusterName, team.Namespace, sent, already, team.Outbox?.Count() ?? 0);
    }

    private TeamHistory Team() =>
        session.History.Team ?? throw ChildctlException.InvalidInput("team history needs history kept in files (and not CHILDCTL_TEAM_HISTORY=off)");

    /// <summary>Creates the object, or, when it exists, brings the fields that matter up to date; one line says which.</summary>
    private async Task<string> EnsureAsync(ResourceKind kind, string? ns, string name, JsonObject body, Func<JsonObject, JsonObject>? update, CancellationToken cancellationToken)
    {
        var what = $"{kind.Kind.ToLowerInvariant()}/{name}";
        try
        {
            await session.Api.CreateAsync(kind, ns, body, serverDryRun: false, cancellationToken);
            return $"{what} created";
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict)
        {
            if (update is null)
            {
                return $"{what} exists";
            }

            await session.Api.MergePatchAsync(kind, ns!, name, update(body), cancellationToken);
            return $"{what} updated";
        }
    }

    private static JsonObject RulesOf(JsonObject role) => new() { ["rules"] = role["rules"]!.DeepClone() };

    private static JsonObject SubjectsOf(JsonObject binding) => new() { ["subjects"] = binding["subjects"]!.DeepClone() };

    private static JsonObject Meta(string name, string? ns, string? kind = null)
    {
        var labels = new JsonObject { [TeamSeries.ManagedBy] = "childctl" };
        if (kind is not null)
        {
            labels[TeamSeries.KindLabel] = kind;
        }

        var meta = new JsonObject { ["name"] = name, ["labels"] = labels };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        return meta;
    }

    private static JsonObject Role(string ns, string name, string[] verbs) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "Role",
        ["metadata"] = Meta(name, ns),
        ["rules"] = new JsonArray((JsonNode)new JsonObject
        {
            ["apiGroups"] = new JsonArray((JsonNode)JsonValue.Create(string.Empty)),
            ["resources"] = new JsonArray((JsonNode)JsonValue.Create("configmaps")),
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        }),
    };

    private static JsonObject Binding(string ns, string role, IReadOnlyList<string> groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = Meta(role + "s", ns),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = role },
        ["subjects"] = new JsonArray(groups.Select(g => (JsonNode?)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g }).ToArray()),
    };
}
