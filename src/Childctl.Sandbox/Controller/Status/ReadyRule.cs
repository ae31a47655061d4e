namespace Childctl.Sandbox.Controller;

/// <summary>
/// k0rdent's <c>UpdateReadyCondition</c> (REFERENCE.md §5): errors give False/Failed, warnings False/Progressing,
/// unknowns Unknown/Progressing, otherwise True/Succeeded "Object is ready"; messages joined with ". ".
/// </summary>
internal static class ReadyRule
{
    public const string ReadyMessage = "Object is ready";
    public const string NotReadyPrefix = "Cluster is not ready. Check the provider logs for more details.\n";

    /// <summary>How long a False CAPIClusterSummary counts as a warning before it becomes an error.</summary>
    public static readonly TimeSpan CapiGracePeriod = TimeSpan.FromMinutes(30);

    private static readonly HashSet<string> Skipped = [ConditionTypes.Ready, ConditionTypes.Deleting];

    /// <param name="failFast">Failure injection: a False CAPI summary is an error at once, without the grace period.</param>
    public static ReadyResult Compute(IReadOnlyCollection<Condition> conditions, SimClock clock, bool failFast)
    {
        var deleting = conditions.FirstOrDefault(c => c.Type == ConditionTypes.Deleting);
        if (deleting is { IsTrue: true })
        {
            return new ReadyResult("False", Reasons.Deleting, deleting.Message, null);
        }

        var errors = new List<string>();
        var warnings = new List<string>();
        var unknowns = new List<string>();
        var recheck = Tally(conditions, clock, failFast, errors, warnings, unknowns);
        if (errors.Count > 0)
        {
            return new ReadyResult("False", Reasons.Failed, string.Join(". ", errors), null);
        }

        if (warnings.Count > 0)
        {
            return new ReadyResult("False", Reasons.Progressing, string.Join(". ", warnings), recheck);
        }

        return unknowns.Count > 0
            ? new ReadyResult("Unknown", Reasons.Progressing, string.Join(". ", unknowns), null)
            : new ReadyResult("True", Reasons.Succeeded, ReadyMessage, null);
    }

    /// <summary>Sorts every condition but Ready and Deleting into errors, warnings and unknowns (§5 step 2).</summary>
    private static DateTimeOffset? Tally(
        IReadOnlyCollection<Condition> conditions, SimClock clock, bool failFast, List<string> errors, List<string> warnings, List<string> unknowns)
    {
        DateTimeOffset? recheck = null;
        foreach (var c in conditions.Where(c => !Skipped.Contains(c.Type)))
        {
            if (c.Type == ConditionTypes.Paused)
            {
                if (c.IsTrue && c.Reason == "Paused")
                {
                    errors.Add(c.Message);
                }
            }
            else if (c.IsUnknown)
            {
                unknowns.Add(c.Message);
            }
            else if (c.IsFalse)
            {
                recheck = Classify(c, clock, failFast, errors, warnings) ?? recheck;
            }
        }

        return recheck;
    }

    /// <summary>Sorts a False condition into errors or warnings; returns when a CAPI warning will turn into an error.</summary>
    private static DateTimeOffset? Classify(Condition c, SimClock clock, bool failFast, List<string> errors, List<string> warnings)
    {
        switch (c.Type)
        {
            case ConditionTypes.CapiClusterSummary:
                var since = c.LastTransitionTime ?? clock.Now;
                if (failFast || clock.Simulated(clock.Now - since) > CapiGracePeriod)
                {
                    errors.Add(NotReadyPrefix + c.Message);
                    return null;
                }

                warnings.Add(c.Message);
                return since + clock.Real(CapiGracePeriod) + TimeSpan.FromSeconds(1);
            case ConditionTypes.ServicesInReadyState:
                warnings.Add($"{c.Message} Services are ready.");
                return null;
            default:
                errors.Add(c.Message);
                return null;
        }
    }
}

/// <summary>
/// The computed Ready condition, and when a later reconcile must look again because time alone will change it
/// (a CAPI warning that turns into an error after 30 simulated minutes).
/// </summary>
internal sealed record ReadyResult(string Status, string Reason, string Message, DateTimeOffset? RecheckAt);
