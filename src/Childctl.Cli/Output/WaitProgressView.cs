using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The stderr narration of a wait. On a terminal: a checklist of the cluster's conditions in pipeline order (✓ done,
/// … pending, ✗ failing) under a header with the time waited, redrawn in place. Every line is cropped with … to the
/// terminal's width so that it takes exactly one row, and the redraw moves up by the rows last drawn, counted again at
/// the current width (a terminal narrowed since then shows the old lines over more rows). Otherwise (a pipe, a log,
/// TERM=dumb): one plain line per condition that changed, prefixed with the time waited, so logs read as a timeline.
/// A message is shown once: a condition whose message the phase line already says (k0rdent repeats a failure in
/// CAPIClusterSummary and Ready) shows only its state, and a Failed phase leaves its reason to the error line that
/// ends the wait.
/// </summary>
internal sealed class WaitProgressView
{
    private readonly TextWriter _err;
    private readonly bool _live;
    private readonly string _target;
    private readonly Func<int?> _width;
    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private List<int> _drawn = [];
    private string? _lastPhase;

    public WaitProgressView(TextWriter err, bool live, string target, Func<int?>? width = null)
    {
        _err = err;
        _live = live;
        _target = target;
        _width = width ?? (() => null);
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
        var width = _width() is > 1 and var w ? w : (int?)null;
        var text = new StringBuilder();
        var rows = _drawn.Sum(length => Rows(length, width));
        if (rows > 0)
        {
            text.Append("\u001b[").Append(rows).Append("A\r\u001b[J");
        }

        var lines = Checklist(snapshot).Select(line => Crop(line, width)).ToList();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        _drawn = lines.Select(l => l.Length).ToList();
        _err.Write(text.ToString());
        _err.Flush();
    }

    /// <summary>The rows a line of <paramref name="length"/> characters takes on a terminal <paramref name="width"/> wide.</summary>
    internal static int Rows(int length, int? width) => width is { } w && length > w ? (length + w - 1) / w : 1;

    /// <summary>Cut to one character less than the width (a line exactly as wide as the terminal wraps on some terminals).</summary>
    internal static string Crop(string line, int? width) =>
        width is { } w && line.Length > w - 1 ? string.Concat(line.AsSpan(0, w - 2), "…") : line;

    internal List<string> Checklist(WaitSnapshot snapshot)
    {
        var phase = PhaseLine(snapshot);
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
                : Summary(condition, snapshot);
            lines.Add($"  {mark} {condition.Type,-22} {detail}".TrimEnd());
        }

        return lines;
    }

    private void AppendChanges(WaitSnapshot snapshot)
    {
        var elapsed = $"[{DurationText.Format(snapshot.Elapsed),6}]";
        var phase = PhaseLine(snapshot);
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
            var summary = Summary(condition, snapshot);
            _err.WriteLine($"{elapsed}   {condition.Type} {state}{(summary.Length == 0 ? string.Empty : ": " + summary)}");
        }

        _err.Flush();
    }

    /// <summary>The phase and its reason; for Failed only the phase, since the wait ends with an error line that says why.</summary>
    private static string PhaseLine(WaitSnapshot snapshot) => snapshot.Verdict switch
    {
        { State: WaitState.Failed, Phase.Phase: ClusterPhase.Failed } => "Failed (why: below)",
        { Phase: { } p } => $"{p.Phase}: {p.Reason}",
        var v => v.Message,
    };

    /// <summary>A condition's message, unless it only repeats the phase's reason (shown once, in the phase or error line).</summary>
    private static string Summary(Condition condition, WaitSnapshot snapshot)
    {
        var text = ConditionMessages.Summarize(condition.Message);
        if (text == ".")
        {
            return string.Empty;
        }

        var reason = snapshot.Verdict.Phase?.Reason;
        return reason is { Length: > 0 } && (text.Contains(reason, StringComparison.Ordinal) || reason.Contains(text, StringComparison.Ordinal))
            ? string.Empty
            : text;
    }
}
