using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.History.Redaction;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// The one way an operation changes a cluster with its history (create, scale, upgrade, delete; kubeconfig, which
/// changes nothing, uses the same rules without an intent), and the one rule for what is recorded:
/// <list type="number">
/// <item>the cluster's history file must be able to take the record before anything is done; changes of earlier
/// commands still unsettled are settled first (<see cref="PendingChanges"/>);</item>
/// <item>before the write is sent, its intent (<see cref="ChangeActions.Intent"/>: what, with which parameters, under which
/// operation id) is appended and flushed; if it cannot be, nothing is sent;</item>
/// <item>after it, the outcome: succeeded as the change says; failed when the server refused (or the write was never
/// sent); when no answer came (a lost or cut reply, a timeout, a server error), the object is read back at once and
/// judged by <see cref="ChangeEvidence"/>: applied or not applied, and only when that cannot tell, unknown, left for a
/// later command to settle;</item>
/// <item>a failure before any intent (a check, a read) is recorded as failed whenever the operation is about a known
/// cluster: one it has read (its uid is known) or, for a create, the name it planned.</item>
/// </list>
/// Records are never cancelled: they are appended with <see cref="CancellationToken.None"/>. The write itself is sent with
/// the session's abandon token (a second Ctrl-C), not the command's (the first), so a first Ctrl-C lets the answer come
/// and be recorded; an abandoned write is recorded as unknown. While the change is in flight its cluster's history is held
/// (<see cref="HistoryRecorder.HoldChangeAsync"/>) so that no other command settles it meanwhile.
/// </summary>
internal static class RecordedChange
{
    /// <param name="change">Makes the change: <see cref="Change.IntendAsync"/>, then <see cref="Change.SendAsync"/> for the
    /// write; returns the result and the record of its success (null when it recorded its outcome itself).</param>
    public static async Task<T> RunAsync<T>(Session session, Target target, Func<Change, Task<(T Result, OperationRecord? Record)>> change, CancellationToken cancellationToken)
    {
        var recorder = session.Recorder();
        await recorder.EnsureRecordableAsync(target.Namespace, target.Name, cancellationToken);
        await new PendingChanges(session).TrySettleForViewAsync(target.Namespace, target.Name, cancellationToken);
        using var hold = await recorder.HoldChangeAsync(target.Namespace, target.Name, cancellationToken);
        target.Started = true;
        var run = new Change(session, target);
        (T Result, OperationRecord? Record) done;
        try
        {
            done = await change(run);
        }
        catch (UnknownOutcomeException)
        {
            throw;
        }
        catch (ChildctlException e) when ((target.IsKnown || run.Intent is not null) && !run.Unrecordable)
        {
            await recorder.RecordAsync(target.Namespace, target.Name, run.Failure(e.Message), CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (run.Intent is not null)
        {
            await run.RecordInterruptedAsync();
            throw;
        }

        if (done.Record is { } record)
        {
            await recorder.RecordAsync(target.Namespace, target.Name, run.Annotate(record), CancellationToken.None);
        }

        return done.Result;
    }

    /// <summary>
    /// The cluster a change is about, filled in as the change learns it: <see cref="Uid"/> once the cluster is read,
    /// <see cref="FailureParameters"/> for the record of a failure.
    /// </summary>
    public sealed class Target(string ns, string name, ChangeActions actions, bool planned = false)
    {
        /// <summary>A recorded action that is no change to the cluster (kubeconfig): no intent, failures as <paramref name="failedAction"/>.</summary>
        public Target(string ns, string name, string failedAction)
            : this(ns, name, new ChangeActions(string.Empty, string.Empty, failedAction, string.Empty))
        {
        }

        public string Namespace { get; } = ns;

        public string Name { get; } = name;

        public ChangeActions Actions { get; } = actions;

        public string? Uid { get; set; }

        public IReadOnlyDictionary<string, string>? FailureParameters { get; set; }

        /// <summary>The history file was found recordable and the change began.</summary>
        public bool Started { get; internal set; }

        /// <summary>A failure is worth recording: the cluster was read, or (create) the name was planned.</summary>
        public bool IsKnown => planned || Uid is not null;
    }

    /// <summary>
    /// One change under way: its intent (written once, before the first write) and its writes. A write whose answer was
    /// lost is judged from the object read back; the phrase saying so joins the success record's message.
    /// </summary>
    public sealed class Change(Session session, Target target)
    {
        private string? _note;
        private bool _inFlight;

        /// <summary>The intent event, once written.</summary>
        public Childctl.History.Store.HistoryEvent? Intent { get; private set; }

        /// <summary>
        /// Appends the intent, durably, unless it is written already: <paramref name="parameters"/> say what is asked and,
        /// for a write to an existing object, the <see cref="ChangeEvidence.PlannedGeneration"/> and
        /// <see cref="ChangeEvidence.PlannedResourceVersion"/> it is conditional on. A failure here means nothing is sent.
        /// </summary>
        public async Task IntendAsync(IReadOnlyDictionary<string, string>? parameters)
        {
            try
            {
                Intent ??= await session.Recorder().RecordAsync(target.Namespace, target.Name,
                    new OperationRecord(target.Actions.Intent, target.Uid, parameters, Result: HistoryRecorder.Pending), CancellationToken.None);
            }
            catch (ChildctlException e)
            {
                Unrecordable = true;
                throw new ChildctlException(e.Kind, $"nothing was sent: the intent could not be recorded in history: {e.Message}", e);
            }
        }

        /// <summary>The history could not take the intent: nothing was sent and nothing more is tried to be recorded.</summary>
        internal bool Unrecordable { get; private set; }

        /// <summary>
        /// Sends the change's write (after <see cref="IntendAsync"/>) with the abandon token. A refusal throws as it came; no
        /// answer is settled by reading the object back: applied returns the object read back, not applied throws the
        /// error, unknown records the unknown outcome and throws <see cref="UnknownOutcomeException"/>.
        /// </summary>
        public async Task<JsonElement> SendAsync(Func<CancellationToken, Task<JsonElement>> write)
        {
            ArgumentNullException.ThrowIfNull(write);
            if (Intent is null)
            {
                throw new InvalidOperationException("a change's intent is recorded before its write is sent");
            }

            _inFlight = true;
            try
            {
                var answer = await write(session.Options.Abandon);
                _inFlight = false;
                return answer;
            }
            catch (ChildctlException e) when (!e.MayHaveApplied)
            {
                _inFlight = false;
                throw;
            }
            catch (ChildctlException e)
            {
                return await SettleAsync(e);
            }
        }

        /// <summary>Records a change abandoned or interrupted after its intent: unknown when a write was in flight, else failed.</summary>
        internal Task RecordInterruptedAsync() => session.Recorder().RecordAsync(target.Namespace, target.Name, _inFlight
            ? Unknown("abandoned (Ctrl-C) while the write was in flight: whether it was made is not known yet; the next command about this cluster settles it")
            : Failure("interrupted (Ctrl-C) before the write was sent; nothing was changed"), CancellationToken.None);

        internal OperationRecord Failure(string error) => new(target.Actions.Failed, target.Uid, target.FailureParameters, Error: error);

        internal OperationRecord Annotate(OperationRecord record) => _note is null ? record : record with { Message = record.Message is null ? _note : $"{record.Message}; {_note}" };

        private async Task<JsonElement> SettleAsync(ChildctlException lost)
        {
            Settlement settlement;
            try
            {
                var raw = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, target.Namespace, target.Name, session.Options.Abandon);
                settlement = ChangeEvidence.Judge(Intent!, raw is { } found ? ClusterDeploymentReader.Read(found) : null);
            }
            catch (ChildctlException e)
            {
                settlement = new Settlement(Verdict.Unknown, $"reading it back failed too: {e.Message}", null);
            }

            _inFlight = false;
            switch (settlement.Verdict)
            {
                case Verdict.Applied:
                    _note = $"no answer came back ({lost.Message}); read back: {settlement.Evidence}";
                    return settlement.Object?.Raw ?? default;
                case Verdict.NotApplied:
                    throw new ChildctlException(lost.Kind, $"{lost.Message}; read back: not applied ({settlement.Evidence})", lost);
                default:
                    var message = $"no answer came back ({lost.Message}) and {settlement.Evidence}: the change may or may not have been made; " +
                        "the next command about this cluster (or 'childctl history') settles it";
                    await session.Recorder().RecordAsync(target.Namespace, target.Name, Unknown(message), CancellationToken.None);
                    throw new UnknownOutcomeException(lost.Kind, $"ClusterDeployment \"{target.Name}\": {message}", lost);
            }
        }

        private OperationRecord Unknown(string message) =>
            new(target.Actions.Unknown, target.Uid, target.FailureParameters, Message: message, Result: HistoryRecorder.Unknown);
    }

    /// <summary>A change sent without an answer that reading back could not settle; its unknown outcome is recorded.</summary>
    public sealed class UnknownOutcomeException(ErrorKind kind, string message, Exception inner) : ChildctlException(kind, message, inner);
}

/// <summary>
/// The annotations childctl stamps on every object it creates or changes, so that anyone reading the live
/// object (kubectl, an audit, another operator) can tell a childctl change from others and find it in the
/// local history by operation id. Each stamp replaces the previous one: it describes the last change.
/// Writes also go out with field manager <see cref="FieldManager"/>, so managedFields name childctl too.
/// </summary>
internal static class ProvenanceAnnotations
{
    public const string FieldManager = ApiOptions.ChildctlFieldManager;

    /// <summary>The id of the last childctl operation that changed the object; the history events carry the same id.</summary>
    public const string Operation = "childctl.dev/operation";

    /// <summary>The OS user who ran that operation.</summary>
    public const string Operator = "childctl.dev/operator";

    /// <summary>What it did: create, scale, upgrade or delete.</summary>
    public const string Action = "childctl.dev/action";

    /// <summary>
    /// The --reason given, if any (removed when the last operation gave none, so it never misleads), redacted as
    /// history redacts it: everyone who can read the object can read its annotations.
    /// </summary>
    public const string Reason = "childctl.dev/reason";

    /// <summary>The stamp as an annotations map; a missing reason is a JSON null, which a merge patch reads as "remove".</summary>
    public static JsonObject For(OperationContext operation, string action)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new JsonObject
        {
            [Operation] = operation.Id,
            [Operator] = operation.User,
            [Action] = action,
            [Reason] = SecretPatterns.Redact(operation.Reason),
        };
    }

    /// <summary>Adds the stamp to a whole object's metadata.annotations (for create), dropping a null reason.</summary>
    public static void Stamp(JsonObject manifest, OperationContext operation, string action)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var metadata = manifest["metadata"] as JsonObject ?? new JsonObject();
        manifest["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        foreach (var (key, value) in For(operation, action))
        {
            if (value is null)
            {
                annotations.Remove(key);
            }
            else
            {
                annotations[key] = value.DeepClone();
            }
        }
    }
}
