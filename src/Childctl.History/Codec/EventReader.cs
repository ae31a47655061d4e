using Childctl.History.Store;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Childctl.History.Codec;

/// <summary>Reads one <c>events:</c> item. Required: <c>timestamp</c> and <c>action</c>; the rest is optional.</summary>
internal static class EventReader
{
    public static HistoryEvent Read(IParser parser)
    {
        if (!parser.TryConsume<MappingStart>(out var start))
        {
            throw YamlReading.TypeError(parser, "each item of 'events' must be a map with timestamp and action");
        }

        var fields = new Fields();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = YamlReading.ReadKey(parser, seen, "one event");
            ReadField(parser, key, fields);
        }

        var line = (int)start.Start.Line;
        if (fields.Timestamp is null || string.IsNullOrEmpty(fields.Action))
        {
            throw new YamlException(start.Start, start.End, "the event has no " + (fields.Timestamp is null ? "timestamp" : "action"));
        }

        return new HistoryEvent
        {
            Timestamp = fields.Timestamp.Value,
            Id = fields.Id,
            Action = fields.Action,
            User = fields.User,
            K8sUser = fields.K8sUser,
            K8sRealUser = fields.K8sRealUser,
            Uid = fields.Uid,
            ManagementCluster = fields.ManagementCluster,
            Operation = fields.Operation,
            Parameters = fields.Parameters,
            Command = fields.Command,
            Reason = fields.Reason,
            Message = fields.Message,
            Result = fields.Result,
            Error = fields.Error,
            Flags = fields.Flags,
            Source = fields.Source,
            Line = line,
        };
    }

    private static void ReadField(IParser parser, string key, Fields f)
    {
        switch (key)
        {
            case "timestamp":
                var at = parser.Current?.Start ?? Mark.Empty;
                var text = YamlReading.ReadText(parser, key);
                f.Timestamp = text is null ? null : HistoryFileParser.ParseTimestamp(text, at);
                break;
            case "id": f.Id = YamlReading.ReadText(parser, key); break;
            case "action": f.Action = YamlReading.ReadText(parser, key); break;
            case "user": f.User = YamlReading.ReadText(parser, key); break;
            case "k8s_user": f.K8sUser = YamlReading.ReadText(parser, key); break;
            case "k8s_real_user": f.K8sRealUser = YamlReading.ReadText(parser, key); break;
            case "uid": f.Uid = YamlReading.ReadText(parser, key); break;
            case "management_cluster": f.ManagementCluster = ReadManagementCluster(parser); break;
            case "operation": f.Operation = YamlReading.ReadText(parser, key); break;
            case "parameters": f.Parameters = YamlReading.ReadTextMap(parser, key); break;
            case "command": f.Command = YamlReading.ReadText(parser, key); break;
            case "reason": f.Reason = YamlReading.ReadText(parser, key); break;
            case "message": f.Message = YamlReading.ReadText(parser, key); break;
            case "result": f.Result = YamlReading.ReadText(parser, key); break;
            case "error": f.Error = YamlReading.ReadText(parser, key); break;
            case "flags": f.Flags = YamlReading.ReadTextList(parser, key); break;
            case "source": f.Source = YamlReading.ReadText(parser, key); break;
            default: parser.SkipThisAndNestedEvents(); break;
        }
    }

    private static ManagementClusterRef? ReadManagementCluster(IParser parser)
    {
        var map = YamlReading.ReadTextMap(parser, "management_cluster");
        return map.TryGetValue("name", out var name)
            ? new ManagementClusterRef(name, map.GetValueOrDefault("server"))
            : null;
    }

    private sealed class Fields
    {
        public DateTimeOffset? Timestamp { get; set; }

        public string? Id { get; set; }

        public string? Action { get; set; }

        public string? User { get; set; }

        public string? K8sUser { get; set; }

        public string? K8sRealUser { get; set; }

        public string? Uid { get; set; }

        public ManagementClusterRef? ManagementCluster { get; set; }

        public string? Operation { get; set; }

        public Dictionary<string, string>? Parameters { get; set; }

        public string? Command { get; set; }

        public string? Reason { get; set; }

        public string? Message { get; set; }

        public string? Result { get; set; }

        public string? Error { get; set; }

        public List<string>? Flags { get; set; }

        public string? Source { get; set; }
    }
}

/// <summary>Small helpers over YamlDotNet's event parser; type errors carry the line of the offending node.</summary>
internal static class YamlReading
{
    public static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Reads a scalar value (null for YAML null); a list or map here is a type error.</summary>
    public static string? ReadText(IParser parser, string key)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return IsNull(scalar) ? null : scalar.Value;
        }

        throw TypeError(parser, $"'{key}' must be a text value");
    }

    public static Dictionary<string, string> ReadTextMap(IParser parser, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parser.TryConsume<Scalar>(out var scalar) && IsNull(scalar))
        {
            return map;
        }

        if (scalar is not null || !parser.TryConsume<MappingStart>(out _))
        {
            throw TypeError(parser, $"'{key}' must be a map of names to text values", scalar?.Start);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var name = ReadKey(parser, seen, $"'{key}'");
            map[name] = ReadText(parser, $"{key}.{name}") ?? string.Empty;
        }

        return map;
    }

    public static List<string> ReadTextList(IParser parser, string key)
    {
        var list = new List<string>();
        if (parser.TryConsume<Scalar>(out var scalar) && IsNull(scalar))
        {
            return list;
        }

        if (scalar is not null || !parser.TryConsume<SequenceStart>(out _))
        {
            throw TypeError(parser, $"'{key}' must be a list of text values", scalar?.Start);
        }

        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            list.Add(ReadText(parser, key) ?? string.Empty);
        }

        return list;
    }

    public static string ReadKey(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var key))
        {
            return key.Value;
        }

        throw TypeError(parser, "expected a key");
    }

    /// <summary>
    /// Reads a key of a map whose keys so far are in <paramref name="seen"/>. A key given twice is an error: YAML
    /// forbids it, and taking either value would silently hide the other (a second <c>events:</c> would hide every
    /// event before it).
    /// </summary>
    public static string ReadKey(IParser parser, HashSet<string> seen, string where)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var at = parser.Current?.Start;
        var key = ReadKey(parser);
        return seen.Add(key) ? key : throw TypeError(parser, $"'{key}' appears twice in {where}; a file edited by hand or damaged: keep one", at);
    }

    public static YamlException TypeError(IParser parser, string problem, Mark? at = null)
    {
        var mark = at ?? parser.Current?.Start ?? Mark.Empty;
        return new YamlException(mark, mark, problem);
    }
}
