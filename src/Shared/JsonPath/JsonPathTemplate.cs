using System.Text;
using System.Text.Json;

namespace Childctl.Shared.JsonPath;

/// <summary>
/// A kubectl <c>-o jsonpath=</c> template: text outside braces is printed as written; inside braces, a JSONPath
/// expression prints its results separated by spaces, <c>{"text"}</c> prints a literal (with <c>\n</c>, <c>\t</c>),
/// and <c>{range EXPR}…{end}</c> repeats its body for each result of EXPR with <c>@</c> bound to it. A missing field
/// prints nothing, as kubectl does by default (<c>--allow-missing-template-keys</c>).
/// </summary>
internal sealed class JsonPathTemplate
{
    private readonly List<Node> _nodes;

    /// <exception cref="FormatException">The template does not parse (unclosed brace, range without end, bad path).</exception>
    public JsonPathTemplate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var tokens = Tokenize(template);
        var position = 0;
        _nodes = ParseBlock(tokens, ref position, inRange: false);
    }

    public string Render(JsonElement root)
    {
        var text = new StringBuilder();
        Render(_nodes, root, text);
        return text.ToString();
    }

    /// <summary>
    /// kubectl's relaxed form for <c>custom-columns</c> and <c>--sort-by</c>: <c>.a.b</c>, <c>a.b</c> and <c>{.a.b}</c>
    /// all mean the same one expression.
    /// </summary>
    public static JsonPathQuery Relaxed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1].Trim();
        }

        return new JsonPathQuery(p.Length > 0 && p[0] is not ('.' or '[' or '$' or '@') ? "." + p : p);
    }

    private static void Render(List<Node> nodes, JsonElement current, StringBuilder text)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Literal literal:
                    text.Append(literal.Text);
                    break;
                case PathNode path:
                    text.AppendJoin(' ', path.Query.Evaluate(current).Select(JsonPathQuery.Text));
                    break;
                case RangeNode range:
                    foreach (var item in range.Query.Evaluate(current).SelectMany(Spread))
                    {
                        Render(range.Body, item, text);
                    }

                    break;
            }
        }
    }

    /// <summary><c>{range .items}</c> and <c>{range .items[*]}</c> both iterate the array's elements.</summary>
    private static IEnumerable<JsonElement> Spread(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : [e];

    private static List<Node> ParseBlock(List<(bool Braced, string Text)> tokens, ref int position, bool inRange)
    {
        var nodes = new List<Node>();
        while (position < tokens.Count)
        {
            var (braced, text) = tokens[position++];
            if (!braced)
            {
                nodes.Add(new Literal(text));
            }
            else if (text == "end")
            {
                return inRange ? nodes : throw new FormatException("{end} without {range}");
            }
            else if (text.StartsWith("range ", StringComparison.Ordinal))
            {
                var query = new JsonPathQuery(text[6..].Trim());
                nodes.Add(new RangeNode(query, ParseBlock(tokens, ref position, inRange: true)));
            }
            else if (text.Length > 1 && text[0] is '"' or '\'' && text[^1] == text[0])
            {
                nodes.Add(new Literal(Unescape(text[1..^1])));
            }
            else
            {
                nodes.Add(new PathNode(new JsonPathQuery(text)));
            }
        }

        return inRange ? throw new FormatException("{range} without {end}") : nodes;
    }

    private static List<(bool Braced, string Text)> Tokenize(string template)
    {
        var tokens = new List<(bool, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                literal.Append(template[i]);
                continue;
            }

            if (literal.Length > 0)
            {
                tokens.Add((false, literal.ToString()));
                literal.Clear();
            }

            var close = ClosingBrace(template, i);
            tokens.Add((true, template[(i + 1)..close].Trim()));
            i = close;
        }

        if (literal.Length > 0)
        {
            tokens.Add((false, literal.ToString()));
        }

        return tokens;
    }

    private static int ClosingBrace(string template, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < template.Length; i++)
        {
            var c = template[i];
            if (quote is { } q)
            {
                quote = c == '\\' ? quote : c == q ? null : quote;
                i += c == '\\' ? 1 : 0;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }

        throw new FormatException($"unclosed '{{' at position {open}");
    }

    private static string Unescape(string text) =>
        text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal)
            .Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private abstract record Node;

    private sealed record Literal(string Text) : Node;

    private sealed record PathNode(JsonPathQuery Query) : Node;

    private sealed record RangeNode(JsonPathQuery Query, List<Node> Body) : Node;
}
