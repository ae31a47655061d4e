using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The stderr narration of a wait. On a terminal: a checklist of the cluster's conditions in pipeline order (✓ done,
/// … pending, ✗ failing) under a header with the time waited, redrawn in place. Otherwise: one plain line per
/// condition that changed, prefixed with the time waited, so logs read as a timeline.
/// </summary>
internal sealed class WaitProgressView
{
    private readonly TextWriter _err;
    private readonly bool _live;
    private readonly string _target;
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private int _drawnLines;
    private string? _lastPhase;

    public WaitProgressView(TextWriter err, bool live, string target)
    {
        _err = err;
        _live = live;
        _target = target;
    }

    public void OnUpdate(WaitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_live)
        {
            Redraw(snapshot);
        }
        else
        {
            AppendChanges(snapshot);
        }
    }

    private void Redraw(WaitSnapshot snapshot)
    {
        var text = new StringBuilder();
        if (_drawnLines > 0)
        {
            text.Append("\u001b[").Append(_drawnLines).Append("A\u001b[J");
        }

        var lines = Checklist(snapshot);
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        _drawnLines = lines.Count;
        _err.Write(text.ToString());
        _err.Flush();
    }

    internal List<string> Checklist(WaitSnapshot snapshot)
    {
        var phase = snapshot.Verdict.Phase is { } p ? $"{p.Phase}: {p.Reason}" : snapshot.Verdict.Message;
        var lines = new List<string> { $"{_target}  [{DurationText.Format(snapshot.Elapsed)}]  {phase}" };
        if (snapshot.Cluster is not { } cluster)
        {
            return lines;
        }

        var since = cluster.CreationTimestamp;
        foreach (var condition in ConditionTypes.InPipelineOrder(cluster.Conditions))
        {
            var mark = condition.IsTrue ? "✓" : condition.IsFalse && condition.Reason == "Failed" ? "✗" : "…";
            var detail = condition.IsTrue
                ? (since is { } s && condition.LastTransitionTime is { } t && t >= s ? $"after {DurationText.Format(t - s)}" : string.Empty)
                : Summary(condition);
            lines.Add($"  {mark} {condition.Type,-22} {detail}".TrimEnd());
        }

        return lines;
    }

    private void AppendChanges(WaitSnapshot snapshot)
    {
        var elapsed = $"[{DurationText.Format(snapshot.Elapsed),6}]";
        var phase = snapshot.Verdict.Phase is { } p ? $"{p.Phase}: {p.Reason}" : snapshot.Verdict.Message;
        if (phase != _lastPhase)
        {
            _err.WriteLine($"{elapsed} {_target} {phase}");
            _lastPhase = phase;
        }

        foreach (var condition in ConditionTypes.InPipelineOrder(snapshot.Cluster?.Conditions ?? []))
        {
            var state = $"{condition.Status}/{condition.Reason}";
            if (_seen.TryGetValue(condition.Type, out var before) && before == state)
            {
                continue;
            }

            _seen[condition.Type] = state;
            var summary = Summary(condition);
            _err.WriteLine($"{elapsed}   {condition.Type} {state}{(summary.Length == 0 ? string.Empty : ": " + summary)}");
        }

        _err.Flush();
    }

    private static string Summary(Condition condition)
    {
        var text = ConditionMessages.Summarize(condition.Message);
        return text == "." ? string.Empty : text;
    }
}
