using System.Globalization;
using Childctl.History.Events;

namespace Childctl.History.Codec;

/// <summary>The fields of one event as <see cref="FastHistoryParser"/> collects them, line by line.</summary>
internal sealed class EventFields(int line)
{
    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _parameters;
    private Dictionary<string, string>? _managementCluster;
    private List<string>? _flags;

    public bool TrySet(ReadOnlySpan<char> keyValue)
    {
        var colon = keyValue.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var key = keyValue[..colon].ToString();
        var value = keyValue[(colon + 2)..];
        switch (key)
        {
            case "parameters": return _parameters is null && FastScalars.TryFlowMap(value, out _parameters);
            case "management_cluster": return _managementCluster is null && FastScalars.TryFlowMap(value, out _managementCluster);
            case "flags": return _flags is null && FastScalars.TryFlowList(value, out _flags);
            case "timestamp" or "id" or "action" or "user" or "k8s_user" or "uid" or "operation" or "command"
                or "reason" or "message" or "result" or "error" or "source":
                // A key given twice is left to the full parser, which reports it.
                return FastScalars.TryValue(value, out var text) && _text.TryAdd(key, text);
            default:
                return false;
        }
    }

    /// <summary>The event, or null when it lacks timestamp or action or the timestamp does not parse.</summary>
    public HistoryEvent? Build()
    {
        if (_text.GetValueOrDefault("timestamp") is not { } stamp || string.IsNullOrEmpty(_text.GetValueOrDefault("action"))
            || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return null;
        }

        return new HistoryEvent
        {
            Timestamp = timestamp,
            Id = Text("id"),
            Action = Text("action")!,
            User = Text("user"),
            K8sUser = Text("k8s_user"),
            Uid = Text("uid"),
            ManagementCluster = _managementCluster is { } mc && mc.TryGetValue("name", out var name) ? new ManagementClusterRef(name, mc.GetValueOrDefault("server")) : null,
            Operation = Text("operation"),
            Parameters = _parameters,
            Command = Text("command"),
            Reason = Text("reason"),
            Message = Text("message"),
            Result = Text("result"),
            Error = Text("error"),
            Flags = _flags,
            Source = Text("source"),
            Line = line,
        };
    }

    private string? Text(string key) => _text.GetValueOrDefault(key);
}
