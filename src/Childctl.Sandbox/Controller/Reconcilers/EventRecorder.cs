using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Records core/v1 Events on ClusterDeployments the way client-go's recorder does: an involvedObject with uid,
/// a name <c>&lt;object&gt;.&lt;hex nanoseconds&gt;</c>, and repeats of the same type/reason/message folded
/// into one Event by raising <c>count</c> and <c>lastTimestamp</c>. Like client-go's recorder it is best effort: an
/// Event the server refuses (for example 403 in a namespace that is being deleted) is logged and dropped, never
/// retried and never an error of the reconcile that raised it. Used only by the controller's worker.
/// </summary>
internal sealed class EventRecorder
{
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly Dictionary<string, Dictionary<string, string>> _byUid = new(StringComparer.Ordinal);

    public EventRecorder(IObjectStore store, TimeProvider time, TextWriter log)
    {
        _store = store;
        _time = time;
        _log = log;
    }

    public void Record(JsonObject involved, EventSpec spec)
    {
        try
        {
            RecordCore(involved, spec);
        }
        catch (StoreException e)
        {
            _log.WriteLine($"sandbox controller: server rejected event {spec.Reason} on {JsonAccess.Namespace(involved)}/{JsonAccess.Name(involved)} (will not retry!): {e.Message}");
        }
    }

    /// <summary>Drops what is remembered about a uid once its object is gone.</summary>
    public void Forget(string uid) => _byUid.Remove(uid);

    private void RecordCore(JsonObject involved, EventSpec spec)
    {
        var ns = JsonAccess.Namespace(involved);
        var uid = JsonAccess.Uid(involved);
        if (!_byUid.TryGetValue(uid, out var seen))
        {
            seen = new Dictionary<string, string>(StringComparer.Ordinal);
            _byUid[uid] = seen;
        }

        var key = $"{spec.Type}\0{spec.Reason}\0{spec.Message}";
        var now = Timestamps.Write(_time.GetUtcNow());
        if (seen.TryGetValue(key, out var existingName) && _store.Get(ResourceType.Event, ns, existingName) is { } existing)
        {
            existing["count"] = (JsonAccess.Long(existing, "count") ?? 1) + 1;
            existing["lastTimestamp"] = now;
            JsonAccess.Child(existing, "involvedObject")["resourceVersion"] = JsonAccess.ResourceVersion(involved);
            _store.Update(ResourceType.Event, existing, WellKnown.FieldManager);
            return;
        }

        seen[key] = Create(involved, spec, now);
    }

    private string Create(JsonObject involved, EventSpec spec, string now)
    {
        var nanos = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        for (var attempt = 0; ; attempt++)
        {
            var name = JsonAccess.Name(involved) + "." + (nanos + attempt).ToString("x", CultureInfo.InvariantCulture);
            try
            {
                _store.Create(ResourceType.Event, New(involved, spec, name, now), WellKnown.FieldManager);
                return name;
            }
            catch (StoreException e) when (e.Code == 409 && attempt < 100)
            {
                // same nanosecond as an earlier event of this object: take the next name
            }
        }
    }

    private static JsonObject New(JsonObject involved, EventSpec spec, string name, string now) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = JsonAccess.Namespace(involved) },
        ["involvedObject"] = new JsonObject
        {
            ["apiVersion"] = JsonAccess.String(involved, "apiVersion") ?? ResourceType.ClusterDeployment.ApiVersion,
            ["kind"] = JsonAccess.String(involved, "kind") ?? ResourceType.ClusterDeployment.Kind,
            ["name"] = JsonAccess.Name(involved),
            ["namespace"] = JsonAccess.Namespace(involved),
            ["uid"] = JsonAccess.Uid(involved),
            ["resourceVersion"] = JsonAccess.ResourceVersion(involved),
        },
        ["reason"] = spec.Reason,
        ["message"] = spec.Message,
        ["source"] = new JsonObject { ["component"] = WellKnown.EventSource },
        ["firstTimestamp"] = now,
        ["lastTimestamp"] = now,
        ["count"] = 1,
        ["type"] = spec.Type,
        ["eventTime"] = null,
        ["action"] = "Reconcile",
        ["reportingComponent"] = WellKnown.EventSource,
        ["reportingInstance"] = "",
    };
}

/// <summary>A Kubernetes Event the controller is about to record on a ClusterDeployment.</summary>
internal sealed record EventSpec(string Type, string Reason, string Message)
{
    public static EventSpec Normal(string reason, string message) => new("Normal", reason, message);

    public static EventSpec Warning(string reason, string message) => new("Warning", reason, message);
}
