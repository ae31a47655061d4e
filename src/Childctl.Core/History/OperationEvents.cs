using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// A Kubernetes Event on the ClusterDeployment for every recorded childctl operation (reporting component
/// <c>childctl</c>, reason the action in PascalCase such as <c>ClusterScaled</c>, a message with who, what and why),
/// so <c>kubectl describe</c>, <c>kubectl events</c>, k9s and Lens show what childctl did. Best effort: it never fails
/// the operation; an Event the API refused (403, 5xx) is recorded in local history as <c>kubernetes_event_not_sent</c>.
/// A command that could not reach the API at all (offline, a failing credential plugin) sends none and records none:
/// its own record already shows it ran offline, and a second attempt would only wait out another timeout.
/// The Event's name comes from the history event's id, so sending it twice creates one Event.
/// </summary>
internal sealed class OperationEvents(Session session)
{
    public const string NotSentAction = "kubernetes_event_not_sent";
    public const string ReportingComponent = "childctl";
    private const int MaxMessage = 1024;

    /// <summary>
    /// Which history events are announced: childctl's own outcomes (succeeded or failed) and notes, not observations
    /// (k0rdent announces its own), not intents, and never the record of an Event that was not sent.
    /// </summary>
    public static bool Announces(HistoryEvent e) =>
        e.Source == EventSources.Childctl && e.Action != NotSentAction
        && (e.Result is HistoryRecorder.Succeeded or HistoryRecorder.Failed || e.Action == EventActions.NoteAdded);

    public async Task EmitAsync(HistoryStreamId stream, HistoryEvent e, CancellationToken cancellationToken)
    {
        if (!Announces(e))
        {
            return;
        }

        try
        {
            var api = session.Api;
            if (api.LastRefusal is not null)
            {
                return; // this command could not use the API at all (offline, no credential): its history says so already
            }

            await api.CreateAsync(ResourceKind.Event, stream.Namespace, Body(stream, e), serverDryRun: false, cancellationToken);
        }
        catch (ChildctlException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            // Sent before (same name, same history event): once is enough.
        }
        catch (ChildctlException ex) when (ex.Kind != ErrorKind.Unreachable)
        {
            // The API answered and refused it (403, 5xx, invalid): worth a line in history, as the issue asks.
            await RecordNotSentAsync(stream, e, ex.Message);
        }
        catch (ChildctlException)
        {
            // Unreachable, or no credential: the command ran offline, which its own record shows (no k8s_user, no uid).
        }
        catch (OperationCanceledException)
        {
            // Interrupted: the operation itself is recorded; its announcement is only a courtesy.
        }
    }

    /// <summary>The Event, as core/v1 (what <c>kubectl describe</c> and <c>kubectl events</c> read).</summary>
    public static JsonObject Body(HistoryStreamId stream, HistoryEvent e)
    {
        var at = e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var involved = new JsonObject
        {
            ["apiVersion"] = $"{K0rdentKinds.Group}/{K0rdentKinds.Version}",
            ["kind"] = K0rdentKinds.ClusterDeployment.Kind,
            ["name"] = stream.Name,
            ["namespace"] = stream.Namespace,
        };
        if (e.Uid is { } uid)
        {
            involved["uid"] = uid;
        }

        var stem = stream.Name.Length > 200 ? stream.Name[..200].TrimEnd('.', '-') : stream.Name;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{stem}.{e.Id!.ToLowerInvariant()}", ["namespace"] = stream.Namespace },
            ["involvedObject"] = involved,
            ["reason"] = Reason(e.Action),
            ["message"] = Message(e),
            ["type"] = e.Result == HistoryRecorder.Failed ? "Warning" : "Normal",
            ["source"] = new JsonObject { ["component"] = ReportingComponent },
            ["reportingComponent"] = ReportingComponent,
            ["reportingInstance"] = Environment.MachineName.ToLowerInvariant(),
            ["action"] = Reason(e.Action),
            ["firstTimestamp"] = at,
            ["lastTimestamp"] = at,
            ["count"] = 1,
        };
    }

    /// <summary><c>cluster_scaled</c> → <c>ClusterScaled</c>.</summary>
    public static string Reason(string action) =>
        string.Concat(action.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>Who did what and why: <c>cluster scaled by alice (k8s user system:admin): workers 2 → 3; reason: load test; childctl operation 01J…</c>.</summary>
    public static string Message(HistoryEvent e)
    {
        var text = new StringBuilder(e.Action.Replace('_', ' '));
        text.Append(" by ").Append(e.User ?? "an unknown user");
        if (e.K8sUser is { } k8s)
        {
            text.Append(" (k8s user ").Append(k8s).Append(')');
        }

        // The history message says what changed in words; the parameters (a whole spec snapshot) stay in history.
        if (e.Message is { } message)
        {
            text.Append(": ").Append(message);
        }

        if (e.Error is { } error)
        {
            text.Append("; error: ").Append(error);
        }

        if (e.Reason is { } reason)
        {
            text.Append("; reason: ").Append(reason);
        }

        text.Append("; childctl operation ").Append(e.Operation ?? e.Id);
        return text.Length <= MaxMessage ? text.ToString() : text.ToString(0, MaxMessage - 3) + "...";
    }

    private async Task RecordNotSentAsync(HistoryStreamId stream, HistoryEvent e, string why)
    {
        var now = session.Time.GetUtcNow();
        var record = new HistoryEvent
        {
            Timestamp = now,
            Id = EventIds.Deterministic(e.Timestamp, "kubernetes-event-not-sent|" + e.Id),
            Action = NotSentAction,
            User = e.User,
            Uid = e.Uid,
            ManagementCluster = e.ManagementCluster,
            Operation = e.Operation,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["event_reason"] = Reason(e.Action), ["for_event"] = e.Id! },
            Message = $"the Kubernetes Event {Reason(e.Action)} was not sent: {why}",
            Source = EventSources.Childctl,
        };
        try
        {
            // Not cancelled: the operation was recorded, and so is what became of its announcement.
            await session.History.AppendAsync(stream, record, CancellationToken.None);
        }
        catch (ChildctlException)
        {
            // The operation's own record is written; a courtesy note about a courtesy Event may go.
        }
    }
}
