using Childctl.Core.Errors;

namespace Childctl.Core.History;

/// <summary>
/// The one way an operation changes a cluster with its history (create, scale, upgrade, delete, kubeconfig), and the
/// one rule for which outcomes are recorded:
/// <list type="number">
/// <item>the cluster's history file must be able to take the record before anything is changed: a change childctl
/// could not record is not made (and nothing is recorded);</item>
/// <item>success is recorded as the change says;</item>
/// <item>a failure is recorded, as <see cref="Target.FailedAction"/> with the error, whenever the operation is about a
/// known cluster: one it has read (its uid is known) or, for a create, the name it planned. A cluster that is not there,
/// an interrupt, or a failure to write the record itself leave nothing.</item>
/// </list>
/// </summary>
internal static class RecordedChange
{
    /// <param name="change">Makes the change; returns its result and the record of its success (null when it recorded its outcome itself).</param>
    public static async Task<T> RunAsync<T>(HistoryRecorder recorder, Target target, Func<Target, Task<(T Result, OperationRecord? Record)>> change, CancellationToken cancellationToken)
    {
        await recorder.EnsureRecordableAsync(target.Namespace, target.Name, cancellationToken);
        target.Started = true;
        (T Result, OperationRecord? Record) done;
        try
        {
            done = await change(target);
        }
        catch (ChildctlException e) when (target.IsKnown)
        {
            await recorder.RecordAsync(target.Namespace, target.Name,
                new OperationRecord(target.FailedAction, target.Uid, target.FailureParameters, Error: e.Message), cancellationToken);
            throw;
        }

        if (done.Record is { } record)
        {
            await recorder.RecordAsync(target.Namespace, target.Name, record, cancellationToken);
        }

        return done.Result;
    }

    /// <summary>
    /// The cluster a change is about, filled in as the change learns it: <see cref="Uid"/> once the cluster is read,
    /// <see cref="FailureParameters"/> for the record of a failure.
    /// </summary>
    public sealed class Target(string ns, string name, string failedAction, bool planned = false)
    {
        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public string FailedAction { get; } = failedAction;

        public string? Uid { get; set; }

        public IReadOnlyDictionary<string, string>? FailureParameters { get; set; }

        /// <summary>The history file was found recordable and the change began.</summary>
        public bool Started { get; internal set; }

        /// <summary>A failure is worth recording: the cluster was read, or (create) the name was planned.</summary>
        public bool IsKnown => planned || Uid is not null;
    }
}
