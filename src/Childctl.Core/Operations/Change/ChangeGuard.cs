using System.Globalization;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Change;

/// <summary>What a change to a live cluster's spec does, for <see cref="ChangeGuard"/>: each refuses what makes no sense for it.</summary>
public enum SpecChangeKind
{
    Scale,
    Upgrade,
    Config,
}

/// <summary>
/// Never stack a spec change on one still in flight. Before <c>scale</c>, <c>upgrade</c>, <c>set config</c> and <c>edit</c>
/// patch a cluster, its last spec change must be settled: k0rdent has observed the current generation and its Ready is
/// trusted for it — the same rule a wait uses (<see cref="WaitEvaluator"/>: every condition's observedGeneration caught
/// up, HelmReleaseReady and CAPIClusterSummary True), so "settled" means what <c>childctl wait</c> would end on.
/// A Failed cluster has settled (k0rdent judged the current spec) and may be upgraded or reconfigured, which is how
/// it is fixed; scaling it only stacks a change on the failure, so scale asks for <c>--force</c>, as it does for a
/// dry run (nothing is deployed to scale). An even control-plane count asks for <c>--force</c> too. A cluster being
/// deleted is refused even with <c>--force</c>: k0rdent no longer acts on its spec. Pure; the caller records what was
/// forced (<see cref="Forced"/>).
/// </summary>
internal static class ChangeGuard
{
    /// <summary>Throws InvalidInput (exit 2) for a refused change; returns the refusals <paramref name="force"/> overrode, empty when none.</summary>
    public static IReadOnlyList<string> Check(ClusterDeployment cluster, SpecChangeKind kind, bool force, long? controlPlanes = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var who = $"ClusterDeployment \"{cluster.Name}\" in namespace \"{cluster.Namespace}\"";
        var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, null);
        var phase = verdict.Phase!;
        if (phase.Phase == ClusterPhase.Deleting)
        {
            throw ChildctlException.InvalidInput($"{who} is being deleted ({phase.Reason}): k0rdent no longer acts on its spec, so it cannot be {Verb(kind)}, even with --force");
        }

        var refusals = Refusals(cluster, kind, verdict, controlPlanes).ToList();
        if (refusals.Count > 0 && !force)
        {
            throw ChildctlException.InvalidInput($"{who} {refusals[0].What}: {refusals[0].Advice}; nothing changed");
        }

        return refusals.Select(r => r.What).ToList();
    }

    /// <summary>The forced refusals as one history parameter value, or null when nothing was forced.</summary>
    public static Dictionary<string, string> Forced(IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<string> forced)
    {
        var result = parameters is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        if (forced.Count > 0)
        {
            result["forced"] = "true";
            result["forced_over"] = string.Join("; ", forced);
        }

        return result;
    }

    private static IEnumerable<(string What, string Advice)> Refusals(ClusterDeployment cluster, SpecChangeKind kind, WaitVerdict verdict, long? controlPlanes)
    {
        var phase = verdict.Phase!;
        if (kind == SpecChangeKind.Scale && phase.Phase == ClusterPhase.DryRun)
        {
            yield return ("is a dry run (spec.dryRun: true)",
                "nothing is deployed, so there is nothing to scale; turn spec.dryRun off first ('childctl edit'), or pass --force to change the counts k0rdent validates");
        }
        else if (kind == SpecChangeKind.Scale && phase.Phase == ClusterPhase.Failed)
        {
            yield return ($"is Failed ({phase.Reason})",
                "scaling does not fix a failure and stacks a change on it; fix the cause first ('childctl set config', 'childctl edit'), or pass --force to scale anyway");
        }
        else if (verdict.State == WaitState.Pending)
        {
            var unmet = verdict.Unmet.Where(u => !u.StartsWith(ConditionTypes.Ready + " ", StringComparison.Ordinal)).ToList();
            if (unmet.Any(u => u.StartsWith("spec changed (", StringComparison.Ordinal)))
            {
                unmet.RemoveAll(u => u.StartsWith("k0rdent has observed generation ", StringComparison.Ordinal)); // the same fact, said twice
            }

            unmet = unmet.Take(3).ToList();
            yield return ($"still has a change in flight (generation {cluster.Generation}: {(unmet.Count > 0 ? string.Join("; ", unmet) : phase.Reason)})",
                $"wait for it with 'childctl wait {cluster.Name}', or pass --force to change it anyway");
        }

        if (controlPlanes is { } count && count % 2 == 0)
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"would get {count} control planes"),
                string.Create(CultureInfo.InvariantCulture,
                    $"etcd needs a majority ({count / 2 + 1} of {count}) for quorum, so {count} members survive no more failures than {count - 1}; use an odd count ({count - 1} or {count + 1}), or pass --force"));
        }
    }

    private static string Verb(SpecChangeKind kind) => kind switch
    {
        SpecChangeKind.Scale => "scaled",
        SpecChangeKind.Upgrade => "upgraded",
        _ => "reconfigured",
    };
}
