using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Childctl.Shared.JsonPath;

/// <summary>
/// One JSONPath expression as Kubernetes uses them (printer columns, <c>-o jsonpath</c>, <c>custom-columns</c>,
/// <c>--sort-by</c>): <c>.a.b</c>, <c>..a</c> (any depth), <c>.*</c>, <c>[0]</c>, <c>[-1]</c>, <c>[1:3]</c>,
/// <c>[*]</c>, <c>['key']</c>, <c>[0,2]</c>, <c>\.</c> inside a name (label keys), and filters
/// <c>[?(@.type=="Ready")]</c> with ==, !=, &lt;, &gt;, &lt;=, &gt;= or a bare path for "present".
/// Compiled once; evaluation never throws (no match yields no results). This file is linked into both the CLI and the
/// sandbox (which keeps no reference to the CLI's projects), so both read paths by one implementation.
/// </summary>
internal sealed class JsonPathQuery
{
    private readonly List<Func<JsonElement, IEnumerable<JsonElement>>> _steps = [];

    /// <exception cref="FormatException">The text is not a JSONPath expression.</exception>
    public JsonPathQuery(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Source = path;
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1].Trim();
        }

        if (p.StartsWith('$') || p.StartsWith('@'))
        {
            p = p[1..];
        }

        var i = 0;
        while (i < p.Length)
        {
            i = p[i] switch
            {
                '.' when i + 1 < p.Length && p[i + 1] == '.' => ReadField(p, i + 2, recursive: true),
                '.' => ReadField(p, i + 1, recursive: false),
                '[' => ReadBracket(p, i),
                _ when i == 0 => ReadField(p, 0, recursive: false),
                _ => throw new FormatException($"unexpected '{p[i]}' at position {i} in {path}"),
            };
        }
    }

    /// <summary>The expression as written.</summary>
    public string Source { get; }

    public List<JsonElement> Evaluate(JsonElement root)
    {
        List<JsonElement> current = [root];
        foreach (var step in _steps)
        {
            var next = new List<JsonElement>();
            foreach (var element in current)
            {
                next.AddRange(step(element));
            }

            current = next;
        }

        return current;
    }

    /// <summary>The text of a value as JSONPath prints and compares it: strings bare, everything else as compact JSON.</summary>
    public static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Object or JsonValueKind.Array => Compact(v),
        _ => v.GetRawText(),
    };

    private static string Compact(JsonElement v)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            v.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IEnumerable<JsonElement> Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? [v] : [];

    private static IEnumerable<JsonElement> Children(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().ToList(),
        JsonValueKind.Object => e.EnumerateObject().Select(p => p.Value).ToList(),
        _ => [],
    };

    /// <summary>The element and everything below it, depth first, as <c>..</c> visits them.</summary>
    private static IEnumerable<JsonElement> SelfAndDescendants(JsonElement e)
    {
        var result = new List<JsonElement> { e };
        foreach (var child in Children(e))
        {
            result.AddRange(SelfAndDescendants(child));
        }

        return result;
    }

    private int ReadField(string p, int start, bool recursive)
    {
        var name = new StringBuilder();
        var end = start;
        while (end < p.Length && p[end] is not ('.' or '['))
        {
            if (p[end] == '\\' && end + 1 < p.Length)
            {
                end++;
            }

            name.Append(p[end]);
            end++;
        }

        var field = name.ToString();
        Func<JsonElement, IEnumerable<JsonElement>> step = field is "*" or "" ? Children : e => Field(e, field);
        if (recursive)
        {
            _steps.Add(SelfAndDescendants);
        }

        if (field.Length > 0 || recursive)
        {
            _steps.Add(field.Length == 0 ? e => [e] : step);
        }

        return end;
    }

    private int ReadBracket(string p, int start)
    {
        var close = ClosingBracket(p, start);
        var inner = p[(start + 1)..close].Trim();
        if (inner == "*")
        {
            _steps.Add(Children);
        }
        else if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var filter = JsonPathFilter.Parse(inner[2..^1].Trim());
            _steps.Add(e => Children(e).Where(filter));
        }
        else if (inner.Length > 1 && inner[0] is '\'' or '"')
        {
            var keys = inner.Split(',').Select(k => k.Trim().Trim('\'', '"')).ToList();
            _steps.Add(e => keys.SelectMany(k => Field(e, k)).ToList());
        }
        else if (inner.Contains(':', StringComparison.Ordinal))
        {
            var parts = inner.Split(':');
            var from = Index(parts[0], null);
            var to = Index(parts[1], null);
            _steps.Add(e => Slice(e, from, to));
        }
        else
        {
            var indexes = inner.Split(',').Select(s => Index(s, null) ?? throw new FormatException($"empty index in {Source}")).ToList();
            _steps.Add(e => indexes.SelectMany(i => At(e, i)).ToList());
        }

        return close + 1;
    }

    private int ClosingBracket(string p, int start)
    {
        char? quote = null;
        var depth = 0;
        for (var i = start; i < p.Length; i++)
        {
            var c = p[i];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"unclosed bracket in {Source}");
    }

    private int? Index(string text, int? fallback)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"'{t}' is not an index in {Source}");
    }

    private static IEnumerable<JsonElement> At(JsonElement e, int index)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var length = e.GetArrayLength();
        var n = index < 0 ? length + index : index;
        return n >= 0 && n < length ? [e[n]] : [];
    }

    private static List<JsonElement> Slice(JsonElement e, int? from, int? to)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var length = e.GetArrayLength();
        var start = Math.Clamp(from is { } f ? (f < 0 ? length + f : f) : 0, 0, length);
        var end = Math.Clamp(to is { } t ? (t < 0 ? length + t : t) : length, 0, length);
        var result = new List<JsonElement>();
        for (var i = start; i < end; i++)
        {
            result.Add(e[i]);
        }

        return result;
    }
}

/// <summary>A filter inside <c>[?( … )]</c>: <c>@.path OP literal</c>, or <c>@.path</c> alone for "has a value".</summary>
internal static class JsonPathFilter
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">"];

    public static Func<JsonElement, bool> Parse(string expression)
    {
        var (at, op) = Find(expression);
        var left = new JsonPathQuery((at < 0 ? expression : expression[..at]).Trim());
        if (at < 0)
        {
            return e => left.Evaluate(e).Any(v => v.ValueKind is not (JsonValueKind.Null or JsonValueKind.False));
        }

        var literal = expression[(at + op.Length)..].Trim();
        var quoted = literal.Length > 1 && literal[0] is '"' or '\'';
        var expected = quoted ? literal[1..^1] : literal;
        return e => left.Evaluate(e).Any(v => Holds(op, Compare(v, expected, quoted)));
    }

    private static (int At, string Op) Find(string expression)
    {
        foreach (var op in Operators)
        {
            var at = expression.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (at, op);
            }
        }

        return (-1, "");
    }

    /// <summary>Numbers compare as numbers when both sides are numbers; everything else as text.</summary>
    private static int Compare(JsonElement value, string expected, bool quoted) =>
        !quoted && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var a)
            && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : string.CompareOrdinal(JsonPathQuery.Text(value), expected);

    private static bool Holds(string op, int comparison) => op switch
    {
        "==" => comparison == 0,
        "!=" => comparison != 0,
        "<" => comparison < 0,
        ">" => comparison > 0,
        "<=" => comparison <= 0,
        _ => comparison >= 0,
    };
}
