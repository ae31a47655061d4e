using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Childctl.History.Events;
using Childctl.History.Redaction;

namespace Childctl.History.Team;

/// <summary>
/// One history event as it is kept in the team store: a compact JSON object under the event's id in a chunk's
/// <c>data</c>, with the field names of the local YAML (<c>k8s_user</c>, <c>management_cluster</c>, ...). What is sent
/// is what the local store writes: <see cref="ForTeam"/> applies the same <see cref="Redactor"/> and the same default
/// source, so a team copy never holds more than the local file.
/// </summary>
public static class TeamEventCodec
{
    /// <summary>The event as the local store records it (redacted, with a source), ready to be mirrored.</summary>
    public static HistoryEvent ForTeam(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Redactor.Redact(e) with { Source = e.Source ?? EventSources.Childctl, Line = 0 };
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

    /// <summary>The event stored under <paramref name="key"/>, or null when the value is not one (a hand-edited key is skipped, not fatal).</summary>
    public static HistoryEvent? TryDecode(string key, string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "action") is not { Length: > 0 } action
                || Text(root, "timestamp") is not { } stamp
                || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
            {
                return null;
            }

            return new HistoryEvent
            {
                Timestamp = timestamp,
                Id = Text(root, "id") ?? key,
                Action = action,
                User = Text(root, "user"),
                K8sUser = Text(root, "k8s_user"),
                Uid = Text(root, "uid"),
                ManagementCluster = root.TryGetProperty("management_cluster", out var mc) && Text(mc, "name") is { } mcName
                    ? new ManagementClusterRef(mcName, Text(mc, "server"))
                    : null,
                Operation = Text(root, "operation"),
                Parameters = Map(root, "parameters"),
                Command = Text(root, "command"),
                Reason = Text(root, "reason"),
                Message = Text(root, "message"),
                Result = Text(root, "result"),
                Error = Text(root, "error"),
                Flags = root.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Array
                    ? flags.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()!).ToList()
                    : null,
                Source = Text(root, "source"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Dictionary<string, string>? Map(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var obj) || obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }

        return map;
    }
}
