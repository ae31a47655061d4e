using Childctl.Core.Operations.Delete;

namespace Childctl.Cli.Output;

/// <summary>
/// Delete narration: one stdout line per cluster with its result (the data a script checks), and on stderr the
/// progress of <c>--wait</c> as clusters go.
/// </summary>
internal sealed class DeleteProgressView(TextWriter output, TextWriter err) : IDeleteObserver
{
    public void OnResult(DeleteItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = $"{Lifecycle.ObjectName(result.Item.Name)} ({result.Item.Namespace})";
        output.WriteLine(result.Outcome switch
        {
            DeleteOutcome.Deleted => $"{target} deleted",
            DeleteOutcome.AlreadyGone => $"{target} already gone",
            DeleteOutcome.AlreadyDeleting => $"{target} {result.Message}",
            _ => $"{target} not deleted: {result.Message}",
        });
    }

    public void OnGone(DeletePlanItem item, int goneCount, int total)
    {
        ArgumentNullException.ThrowIfNull(item);
        err.WriteLine($"[{goneCount}/{total}] {item.Namespace}/{item.Name} is gone");
    }
}
