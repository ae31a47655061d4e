using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Childctl.History.Redaction;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// One history event as it is kept in the team store: a compact JSON object under the event's id in a chunk's
/// <c>data</c>, with the field names of the local YAML (<c>k8s_user</c>, <c>management_cluster</c>, ...). What is sent
/// is what the local store writes: <see cref="ForTeam"/> applies the same <see cref="Redactor"/> and the same default
/// source, so a team copy never holds more than the local file.
/// </summary>
public static partial class TeamEventCodec
{
    /// <summary>The event as the local store records it (redacted, with a source), ready to be mirrored.</summary>
    public static HistoryEvent ForTeam(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Redactor.AsRecorded(e) with { Line = 0 };
    }

    public static string Encode(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            Optional(w, "id", e.Id);
            w.WriteString("action", e.Action);
            Optional(w, "user", e.User);
            Optional(w, "k8s_user", e.K8sUser);
            Optional(w, "k8s_real_user", e.K8sRealUser);
            Optional(w, "uid", e.Uid);
            if (e.ManagementCluster is { } mc)
            {
                w.WriteStartObject("management_cluster");
                w.WriteString("name", mc.Name);
                Optional(w, "server", mc.Server);
                w.WriteEndObject();
            }

            Optional(w, "operation", e.Operation);
            if (e.Parameters is { Count: > 0 } parameters)
            {
                w.WriteStartObject("parameters");
                foreach (var (key, value) in parameters)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            Optional(w, "command", e.Command);
            Optional(w, "reason", e.Reason);
            Optional(w, "message", e.Message);
            Optional(w, "result", e.Result);
            Optional(w, "error", e.Error);
            if (e.Flags is { Count: > 0 } flags)
            {
                w.WriteStartArray("flags");
                foreach (var flag in flags)
                {
                    w.WriteStringValue(flag);
                }

                w.WriteEndArray();
            }

            Optional(w, "source", e.Source);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
