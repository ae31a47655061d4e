using System.Text;
using Childctl.Cli.Commands;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// How a wait for many clusters is shown (<c>wait -l</c>, <c>upgrade -l --wait</c>): one stdout line per cluster as it
/// ends (the data a script checks), and on stderr one progress view and one summary. On a terminal the progress is a
/// block redrawn in place: a header with the time waited and the counts, then one line per cluster (✓ done, … pending,
/// ✗ failed), each cut to <see cref="LineWidth"/> so that no line wraps and the redraw stays in step; the result lines
/// are printed after the block's last redraw. Otherwise one plain line per phase change, prefixed with the time waited.
/// </summary>
internal class BatchWaitView(Invocation inv) : IBatchWaitObserver
{
    /// <summary>Every live line fits an 80-column terminal, so it never wraps (a wrapped line would break the redraw).</summary>
    public const int LineWidth = 79;

    /// <summary>At most this many clusters are drawn in the live block; the rest are counted on one line.</summary>
    public const int MaxLiveRows = 20;

    private readonly Dictionary<string, string> _lastLine = new(StringComparer.Ordinal);
    private readonly List<string> _held = [];
    private int _drawn;

    protected Invocation Inv => inv;

    public void OnWaitingAll(IReadOnlyList<WaitTarget> targets, WaitGoal goal, TimeSpan timeout, string scope)
    {
        ArgumentNullException.ThrowIfNull(targets);
        inv.Err.WriteLine(targets.Count == 0
            ? $"No clusters match {scope}; nothing to wait for."
            : $"Waiting up to {DurationText.Format(timeout)} for {targets.Count} cluster(s) to be {Goal(goal)} ({scope})...");
    }

    public void OnProgress(BatchWaitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (inv.UseLiveProgress)
        {
            Redraw(snapshot);
            return;
        }

        foreach (var item in snapshot.Items.Where(i => i.Result is null && i.Verdict is not null))
        {
            var key = $"{item.Target.Namespace}/{item.Target.Name}";
            var line = State(item.Verdict!);
            if (!_lastLine.TryGetValue(key, out var before) || before != line)
            {
                _lastLine[key] = line;
                inv.Err.WriteLine($"[{DurationText.Format(snapshot.Elapsed),6}] {key} {line}");
            }
        }
    }

    public void OnWaitEnded(BatchWaitResult result, int ended, int total)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = ResultLine(result);
        if (inv.UseLiveProgress)
        {
            _held.Add(line);
        }
        else
        {
            inv.Out.WriteLine(line);
        }
    }

    public void OnWaitSummary(BatchWaitSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var line in _held)
        {
            inv.Out.WriteLine(line);
        }

        foreach (var name in summary.MissingNames)
        {
            inv.Out.WriteLine($"{ObjectName.Of(name)} {(summary.Goal == WaitGoal.Deleted ? "already gone" : "not found")}");
        }

        if (summary.Results.Count > 0)
        {
            var failed = summary.Results.Count - summary.Succeeded;
            var missing = summary.Goal == WaitGoal.Ready && summary.MissingNames.Count > 0 ? $"; {summary.MissingNames.Count} named not found" : string.Empty;
            inv.Err.WriteLine(failed == 0
                ? $"All {summary.Results.Count} cluster(s) are {Goal(summary.Goal)}{missing}."
                : $"{summary.Succeeded} of {summary.Results.Count} cluster(s) {Goal(summary.Goal)}; {failed} did not{missing}.");
        }
    }

    internal static List<string> Block(BatchWaitSnapshot snapshot)
    {
        var done = snapshot.Items.Count(i => i.Result is { Failed: false });
        var failed = snapshot.Items.Count(i => i.Result is { Failed: true });
        var pending = snapshot.Items.Count - done - failed;
        var lines = new List<string>
        {
            Cut($"[{DurationText.Format(snapshot.Elapsed)}] {done} {Goal(snapshot.Goal)}, {pending} pending, {failed} failed"),
        };
        foreach (var item in snapshot.Items.Take(MaxLiveRows))
        {
            var mark = item.Result is null ? "…" : item.Result.Failed ? "✗" : "✓";
            var state = item.Result?.Message ?? (item.Verdict is { } v ? State(v) : "not seen yet");
            lines.Add(Cut($"  {mark} {item.Target.Namespace}/{item.Target.Name}  {state}"));
        }

        if (snapshot.Items.Count > MaxLiveRows)
        {
            lines.Add($"  … and {snapshot.Items.Count - MaxLiveRows} more");
        }

        return lines;
    }

    private void Redraw(BatchWaitSnapshot snapshot)
    {
        var text = new StringBuilder();
        if (_drawn > 0)
        {
            text.Append("\u001b[").Append(_drawn).Append("A\u001b[J");
        }

        var lines = Block(snapshot);
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        _drawn = lines.Count;
        inv.Err.Write(text.ToString());
        inv.Err.Flush();
    }

    private static string ResultLine(BatchWaitResult r)
    {
        var target = $"{ObjectName.Of(r.Name)} ({r.Namespace})";
        return r.Outcome is BatchWaitOutcome.Ready or BatchWaitOutcome.Deleted
            ? $"{target} {r.Message} (waited {DurationText.Format(r.Elapsed)})"
            : $"{target} {r.Message}";
    }

    private static string State(WaitVerdict verdict) => verdict.Phase is { } p ? $"{p.Phase}: {p.Reason}" : verdict.Message;

    private static string Goal(WaitGoal goal) => goal == WaitGoal.Ready ? "Ready" : "gone";

    private static string Cut(string line) => line.Length <= LineWidth ? line : line[..(LineWidth - 1)] + "…";
}
