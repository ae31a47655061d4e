using System.Globalization;
using System.Text.Json;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>
/// The JSONPath subset that printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c>, <c>['key']</c> and
/// filters <c>.a[?(@.type=="Ready")].status</c> (with == or !=, string, number or boolean literals).
/// Compiled once per column; evaluation never throws (no match yields no results).
/// </summary>
internal sealed class JsonPathLite
{
    private readonly List<Func<JsonElement, IEnumerable<JsonElement>>> _steps = [];

    public JsonPathLite(string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1];
        }

        p = p.TrimStart('$');
        var i = 0;
        while (i < p.Length)
        {
            i = p[i] switch
            {
                '.' => ReadField(p, i + 1),
                '[' => ReadBracket(p, i),
                _ => throw new FormatException($"unexpected '{p[i]}' at {i} in {path}"),
            };
        }
    }

    public IEnumerable<JsonElement> Evaluate(JsonElement root)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(step).ToList();
        }

        return current;
    }

    private static IEnumerable<JsonElement> Field(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? [v] : [];

    private static IEnumerable<JsonElement> Children(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().ToList(),
        JsonValueKind.Object => e.EnumerateObject().Select(p => p.Value).ToList(),
        _ => [],
    };

    private int ReadField(string p, int start)
    {
        var end = start;
        while (end < p.Length && p[end] is not ('.' or '['))
        {
            end++;
        }

        var name = p[start..end];
        if (name.Length > 0)
        {
            _steps.Add(name == "*" ? Children : e => Field(e, name));
        }

        return end;
    }

    private int ReadBracket(string p, int start)
    {
        var isFilter = string.CompareOrdinal(p, start, "[?(", 0, 3) == 0;
        var close = p.IndexOf(']', isFilter ? Math.Max(start, p.IndexOf(")]", start, StringComparison.Ordinal)) : start);
        if (close < 0)
        {
            throw new FormatException($"unclosed bracket in {p}");
        }

        var inner = p[(start + 1)..close].Trim();
        if (inner == "*")
        {
            _steps.Add(Children);
        }
        else if (inner.StartsWith("?(", StringComparison.Ordinal))
        {
            var filter = Filter(inner[2..^1].Trim());
            _steps.Add(e => Children(e).Where(filter));
        }
        else if (inner.Length > 1 && inner[0] is '\'' or '"')
        {
            var key = inner[1..^1];
            _steps.Add(e => Field(e, key));
        }
        else
        {
            var index = int.Parse(inner, CultureInfo.InvariantCulture);
            _steps.Add(e => e.ValueKind == JsonValueKind.Array && Normalize(index, e.GetArrayLength()) is var n && n >= 0 && n < e.GetArrayLength() ? [e[n]] : []);
        }

        return close + 1;
    }

    private static int Normalize(int index, int length) => index < 0 ? length + index : index;

    private static Func<JsonElement, bool> Filter(string expression)
    {
        var (at, negate) = expression.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, true) : (expression.IndexOf("==", StringComparison.Ordinal), false);
        var left = new JsonPathLite((at < 0 ? expression : expression[..at]).Trim().TrimStart('@'));
        if (at < 0)
        {
            return e => left.Evaluate(e).Any();
        }

        var literal = expression[(at + 2)..].Trim();
        var expected = literal.Length > 1 && literal[0] is '"' or '\'' ? literal[1..^1] : literal;
        return e => left.Evaluate(e).Any(v => Text(v) == expected) != negate;
    }

    /// <summary>The text of a scalar as a JSONPath literal compares it: strings bare, others as raw JSON.</summary>
    public static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
}
