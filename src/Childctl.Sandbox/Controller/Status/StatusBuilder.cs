using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Computes the whole <c>status</c> of a ClusterDeployment that is not being deleted, from the stored status,
/// the pipeline's checks and the simulation. Pure apart from the clock: built twice with nothing changed, it
/// gives the same JSON, which is how the controller knows not to write.
/// </summary>
internal static class StatusBuilder
{
    public static (JsonObject Status, ReadyResult Ready) Build(ReconcileContext ctx, PreflightResult preflight)
    {
        var now = ctx.Clock.Now;
        var generation = ctx.Generation;
        var status = ctx.Cluster["status"]?.DeepClone() as JsonObject ?? new JsonObject { ["observedGeneration"] = generation };
        var conditions = new ConditionList(status);
        if (conditions.IsEmpty)
        {
            AddInitial(conditions, JsonAccess.Bool(ctx.Cluster, "spec", "dryRun"), generation, now);
        }

        foreach (var update in preflight.Conditions)
        {
            Set(conditions, update, generation, now);
        }

        if (preflight.Outcome == PreflightOutcome.Deploy)
        {
            Set(conditions, HelmRelease(ctx), generation, now);
            if (ctx.Sim.ClusterExists)
            {
                Set(conditions, CapiMessages.Summary(ctx.Capi), generation, now);
            }
        }

        SetServices(status, conditions, ctx, now);
        SetReferences(status, conditions, ctx, generation, now);
        status["observedGeneration"] = generation;
        var ready = ReadyRule.Compute(conditions.All.ToList(), ctx.Clock, ctx.Failure.Fast);
        conditions.Set(ConditionTypes.Ready, ready.Status, ready.Reason, ready.Message, generation, now);
        return (status, ready);
    }

    /// <summary>What the controller adds the first time it processes a cluster (REFERENCE.md §4, last paragraph).</summary>
    private static void AddInitial(ConditionList conditions, bool dryRun, long generation, DateTimeOffset now)
    {
        conditions.Set(ConditionTypes.CredentialReady, "Unknown", Reasons.Progressing, "", generation, now);
        if (!dryRun)
        {
            conditions.Set(ConditionTypes.HelmReleaseReady, "Unknown", Reasons.Progressing, "", generation, now);
        }

        conditions.Set(ConditionTypes.HelmChartReady, "Unknown", Reasons.Progressing, "", generation, now);
        conditions.Set(ConditionTypes.TemplateReady, "Unknown", Reasons.Progressing, "", generation, now);
        conditions.Set(ConditionTypes.Ready, "Unknown", Reasons.Progressing, "", generation, now);
    }

    /// <summary>HelmReleaseReady copies the Flux HelmRelease's Ready condition.</summary>
    public static ConditionUpdate HelmRelease(ReconcileContext ctx)
    {
        var sim = ctx.Sim;
        var release = $"{ctx.Namespace}/{ctx.Name}";
        var chart = ctx.Template?.ChartReference ?? "";
        var failing = sim.Current is { } step && ctx.Failure.Stops(step);
        return sim.Current switch
        {
            SimStep.InstallRelease when failing => ConditionUpdate.False(ConditionTypes.HelmReleaseReady,
                $"Helm install failed for release {release} with chart {chart}: {FailureMessages.HelmRelease(ctx.Failure)}", Reasons.InstallFailed),
            SimStep.InstallRelease => ConditionUpdate.Unknown(ConditionTypes.HelmReleaseReady, "Running 'install' action with timeout of 10m0s"),
            SimStep.UpgradeRelease when failing => ConditionUpdate.False(ConditionTypes.HelmReleaseReady,
                $"Helm upgrade failed for release {release} with chart {chart}: {FailureMessages.HelmRelease(ctx.Failure)}", Reasons.UpgradeFailed),
            SimStep.UpgradeRelease => ConditionUpdate.Unknown(ConditionTypes.HelmReleaseReady, "Running 'upgrade' action with timeout of 10m0s"),
            _ when sim.Revision <= 1 => ConditionUpdate.True(ConditionTypes.HelmReleaseReady, Reasons.InstallSucceeded,
                $"Helm install succeeded for release {release}.v1 with chart {chart}"),
            _ => ConditionUpdate.True(ConditionTypes.HelmReleaseReady, Reasons.UpgradeSucceeded,
                $"Helm upgrade succeeded for release {release}.v{sim.Revision} with chart {chart}"),
        };
    }

    private static void SetServices(JsonObject status, ConditionList conditions, ReconcileContext ctx, DateTimeOffset now)
    {
        var services = ServiceEntries.Status(ctx.Cluster, status["services"] as JsonArray, ctx.Sim, now);
        SetOrRemove(status, "services", services);
        var total = services?.Count ?? 0;
        var ready = ServiceEntries.Ready(services);
        var message = $"{ready}/{total}";
        if (ready == total)
        {
            conditions.Set(ConditionTypes.ServicesInReadyState, "True", Reasons.Succeeded, message, null, now);
        }
        else
        {
            conditions.Set(ConditionTypes.ServicesInReadyState, "False", Reasons.Failed, message, null, now);
        }
    }

    /// <summary>k8sVersion from the template, availableUpgrades from the chains, region (and Paused) from the Credential.</summary>
    private static void SetReferences(JsonObject status, ConditionList conditions, ReconcileContext ctx, long generation, DateTimeOffset now)
    {
        SetOrRemove(status, "k8sVersion", ctx.Template is { K8sVersion.Length: > 0 } t ? JsonValue.Create(t.K8sVersion) : null);
        SetOrRemove(status, "availableUpgrades", ctx.Upgrades.Count > 0 ? new JsonArray(ctx.Upgrades.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()) : null);
        if (ctx.Credential is { Region.Length: > 0 } credential)
        {
            status["region"] = credential.Region;
            conditions.Set(ConditionTypes.Paused, "False", Reasons.NotPaused, "", generation, now);
        }
        else
        {
            status.Remove("region");
            conditions.Remove(ConditionTypes.Paused);
        }
    }

    private static void Set(ConditionList conditions, ConditionUpdate update, long generation, DateTimeOffset now) =>
        conditions.Set(update.Type, update.Status, update.Reason, update.Message, generation, now);

    private static void SetOrRemove(JsonObject parent, string key, JsonNode? value)
    {
        if (value is null)
        {
            parent.Remove(key);
        }
        else
        {
            parent[key] = value;
        }
    }
}
