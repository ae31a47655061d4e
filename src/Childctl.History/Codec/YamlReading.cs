using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Childctl.History.Codec;

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
