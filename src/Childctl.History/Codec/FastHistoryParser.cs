using System.Globalization;
using Childctl.History.Store;

namespace Childctl.History.Codec;

/// <summary>
/// A strict reader for exactly the layout childctl writes (header keys at column 0, <c>events:</c>, items at
/// indent 2, one field per line, scalars as <see cref="FastScalars"/> reads them). It is several times faster
/// than a general YAML parser; any line outside that layout makes it give up, and the caller parses the
/// file with YamlDotNet instead, which also produces every error message. The two must agree on what this
/// one accepts (tests compare them).
/// </summary>
internal static class FastHistoryParser
{
    public static bool TryParse(string text, out HistoryDocument document)
    {
        document = null!;
        var state = new LineState();
        var lineNumber = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if (!state.Accept(text.AsSpan()[range], ++lineNumber))
            {
                return false;
            }
        }

        if (!state.Finish() || !text.EndsWith('\n'))
        {
            return false;
        }

        document = new HistoryDocument(state.Header, state.Events) { HasLegacyEntries = state.HasLegacyEntries };
        return true;
    }

    private sealed class LineState
    {
        private EventFields? _current;
        private readonly HashSet<string> _headerKeys = new(StringComparer.Ordinal);
        private bool _inEvents;
        private bool _sawName;

        public HistoryHeader Header { get; private set; } = new();

        public List<HistoryEvent> Events { get; } = [];

        public bool HasLegacyEntries { get; private set; }

        public bool Accept(ReadOnlySpan<char> line, int lineNumber)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                return true;
            }

            if (!_inEvents)
            {
                _inEvents = line is "events:";
                return _inEvents || TryHeader(line);
            }

            if (line.StartsWith("  - ", StringComparison.Ordinal))
            {
                if (!Finish())
                {
                    return false;
                }

                _current = new EventFields(lineNumber);
                return _current.TrySet(line[4..]);
            }

            return line.StartsWith("    ", StringComparison.Ordinal) && _current is not null && _current.TrySet(line[4..]);
        }

        /// <summary>Completes the event being read; false when it lacks what an event needs.</summary>
        public bool Finish()
        {
            if (_current is not null)
            {
                var e = _current.Build();
                if (e is null)
                {
                    return false;
                }

                Events.Add(e);
                HasLegacyEntries |= !e.WrittenByChildctl;
                _current = null;
            }

            return _sawName || _inEvents;
        }

        private bool TryHeader(ReadOnlySpan<char> line)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || !FastScalars.TryValue(line[(colon + 2)..], out var value))
            {
                return false;
            }

            var key = line[..colon].ToString();
            if (!_headerKeys.Add(key))
            {
                return false; // given twice: the full parser reports it
            }

            switch (key)
            {
                case "cluster_name": Header = Header with { ClusterName = value }; _sawName = true; return true;
                case "namespace": Header = Header with { Namespace = value }; return true;
                case "created_at": Header = Header with { CreatedAt = value }; return true;
                case "last_updated": Header = Header with { LastUpdated = value }; return true;
                default: return false;
            }
        }
    }
}

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
            case "timestamp" or "id" or "action" or "user" or "k8s_user" or "k8s_real_user" or "uid" or "operation" or "command"
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
            K8sRealUser = Text("k8s_real_user"),
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
