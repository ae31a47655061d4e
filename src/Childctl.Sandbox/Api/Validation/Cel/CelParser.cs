using System.Globalization;
using System.Text;

namespace Childctl.Sandbox.Api.Validation.Cel;

/// <summary>
/// Parses the CEL subset that the k0rdent CRDs' x-kubernetes-validations use, and a little more: literals (strings
/// in single or double quotes, integers, doubles, true, false, null, lists), the variables <c>self</c> and
/// <c>oldSelf</c>, field selection, indexing, <c>has()</c>, <c>size()</c>, the string methods <c>startsWith</c>,
/// <c>endsWith</c> and <c>contains</c>, <c>! - * / % + -</c>, comparisons, <c>in</c>, <c>&amp;&amp;</c>, <c>||</c> and
/// <c>? :</c>. Anything else is a FormatException, reported as a rule compile error rather than ignored.
/// </summary>
internal sealed class CelParser
{
    private readonly List<(string Kind, string Text)> _tokens;
    private int _pos;

    private CelParser(string text) => _tokens = Tokenize(text);

    public static CelNode Parse(string text)
    {
        var parser = new CelParser(text);
        var node = parser.Expression();
        return parser.Peek().Kind == "end" ? node : throw new FormatException($"unexpected '{parser.Peek().Text}'");
    }

    private CelNode Expression()
    {
        var test = Or();
        if (!Accept("?"))
        {
            return test;
        }

        var then = Expression();
        Expect(":");
        return new CelNode.Conditional(test, then, Expression());
    }

    private CelNode Or() => LeftAssociative(And, "||");

    private CelNode And() => LeftAssociative(Relation, "&&");

    private CelNode Relation() => LeftAssociative(Addition, "==", "!=", "<", "<=", ">", ">=", "in");

    private CelNode Addition() => LeftAssociative(Multiplication, "+", "-");

    private CelNode Multiplication() => LeftAssociative(Unary, "*", "/", "%");

    private CelNode LeftAssociative(Func<CelNode> next, params string[] operators)
    {
        var left = next();
        while (operators.Contains(Peek().Text) && Peek().Kind is "op" or "ident")
        {
            var op = Take().Text;
            left = new CelNode.Binary(op, left, next());
        }

        return left;
    }

    private CelNode Unary()
    {
        if (Accept("!"))
        {
            return new CelNode.Unary("!", Unary());
        }

        return Accept("-") ? new CelNode.Unary("-", Unary()) : Member();
    }

    private CelNode Member()
    {
        var node = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = ExpectIdentifier();
                node = Accept("(") ? new CelNode.Call(name, node, Arguments()) : new CelNode.Select(node, name);
            }
            else if (Accept("["))
            {
                var key = Expression();
                Expect("]");
                node = new CelNode.Index(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private CelNode Primary()
    {
        var (kind, text) = Take();
        switch (kind)
        {
            case "string":
                return new CelNode.Literal(text);
            case "int":
                return new CelNode.Literal(long.Parse(text, CultureInfo.InvariantCulture));
            case "double":
                return new CelNode.Literal(double.Parse(text, CultureInfo.InvariantCulture));
            case "ident" when text is "true" or "false":
                return new CelNode.Literal(text == "true");
            case "ident" when text == "null":
                return new CelNode.Literal(null);
            case "ident":
                return Accept("(") ? new CelNode.Call(text, null, Arguments()) : new CelNode.Identifier(text);
            case "op" when text == "(":
                var inner = Expression();
                Expect(")");
                return inner;
            case "op" when text == "[":
                var items = new List<CelNode>();
                if (!Accept("]"))
                {
                    do
                    {
                        items.Add(Expression());
                    }
                    while (Accept(","));
                    Expect("]");
                }

                return new CelNode.ListLiteral(items);
            default:
                throw new FormatException($"unexpected '{text}'");
        }
    }

    private List<CelNode> Arguments()
    {
        var args = new List<CelNode>();
        if (Accept(")"))
        {
            return args;
        }

        do
        {
            args.Add(Expression());
        }
        while (Accept(","));
        Expect(")");
        return args;
    }

    private (string Kind, string Text) Peek() => _tokens[_pos];

    private (string Kind, string Text) Take() => _tokens[Math.Min(_pos++, _tokens.Count - 1)];

    private bool Accept(string op)
    {
        if (Peek().Kind == "op" && Peek().Text == op)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            throw new FormatException($"expected '{op}' but found '{Peek().Text}'");
        }
    }

    private string ExpectIdentifier()
    {
        var (kind, text) = Take();
        return kind == "ident" ? text : throw new FormatException($"expected a field name but found '{text}'");
    }

    private static List<(string Kind, string Text)> Tokenize(string s)
    {
        var tokens = new List<(string, string)>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var (text, end) = QuotedString(s, i);
                tokens.Add(("string", text));
                i = end;
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }

                var number = s[start..i];
                tokens.Add((number.Contains('.', StringComparison.Ordinal) ? "double" : "int", number));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(("ident", s[start..i]));
            }
            else
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                var op = two is "==" or "!=" or "<=" or ">=" or "&&" or "||" ? two
                    : "!<>+-*/%()[].,?:".Contains(c, StringComparison.Ordinal) ? c.ToString()
                    : throw new FormatException($"unexpected character '{c}'");
                tokens.Add(("op", op));
                i += op.Length;
            }
        }

        tokens.Add(("end", "end of expression"));
        return tokens;
    }

    private static (string Text, int End) QuotedString(string s, int start)
    {
        var quote = s[start];
        var b = new StringBuilder();
        var i = start + 1;
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                b.Append(s[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else
            {
                b.Append(s[i]);
            }

            i++;
        }

        return i < s.Length ? (b.ToString(), i + 1) : throw new FormatException("unterminated string literal");
    }
}
