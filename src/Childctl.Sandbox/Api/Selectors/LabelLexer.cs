using System.Globalization;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>
/// The tokenizer of apimachinery's label selector grammar: identifiers run until whitespace or a special symbol
/// (<c>= ! ( ) , &gt; &lt;</c>); a run of special symbols yields the longest known operator it starts with.
/// </summary>
internal sealed class LabelLexer(string text)
{
    private static readonly Dictionary<string, LabelToken> Symbols = new(StringComparer.Ordinal)
    {
        [")"] = LabelToken.ClosedParen,
        [","] = LabelToken.Comma,
        ["!"] = LabelToken.DoesNotExist,
        ["=="] = LabelToken.DoubleEquals,
        ["="] = LabelToken.EqualsSign,
        [">"] = LabelToken.GreaterThan,
        ["in"] = LabelToken.In,
        ["<"] = LabelToken.LessThan,
        ["!="] = LabelToken.NotEquals,
        ["notin"] = LabelToken.NotIn,
        ["("] = LabelToken.OpenParen,
    };

    private int _pos;

    public static List<(LabelToken Token, string Literal)> Scan(string text)
    {
        var lexer = new LabelLexer(text);
        var items = new List<(LabelToken, string)>();
        while (true)
        {
            var item = lexer.Next();
            items.Add(item);
            if (item.Token == LabelToken.EndOfString)
            {
                return items;
            }
        }
    }

    private (LabelToken Token, string Literal) Next()
    {
        while (_pos < text.Length && IsWhitespace(text[_pos]))
        {
            _pos++;
        }

        if (_pos >= text.Length)
        {
            return (LabelToken.EndOfString, "");
        }

        return IsSpecial(text[_pos]) ? Special() : IdentifierOrKeyword();
    }

    private (LabelToken, string) IdentifierOrKeyword()
    {
        var start = _pos;
        while (_pos < text.Length && !IsSpecial(text[_pos]) && !IsWhitespace(text[_pos]))
        {
            _pos++;
        }

        var word = text[start.._pos];
        return Symbols.TryGetValue(word, out var token) ? (token, word) : (LabelToken.Identifier, word);
    }

    private (LabelToken, string) Special()
    {
        var start = _pos;
        (LabelToken Token, string Literal)? last = null;
        while (_pos < text.Length && IsSpecial(text[_pos]))
        {
            _pos++;
            var buffer = text[start.._pos];
            if (Symbols.TryGetValue(buffer, out var token))
            {
                last = (token, buffer);
            }
            else if (last is not null)
            {
                _pos--;
                break;
            }
        }

        return last ?? (LabelToken.Error, $"error expected: keyword found '{text[start.._pos]}'");
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}

internal enum LabelToken
{
    Error,
    EndOfString,
    ClosedParen,
    Comma,
    DoesNotExist,
    DoubleEquals,
    EqualsSign,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParen,
}

internal enum LabelOperator
{
    Exists,
    DoesNotExist,
    Equals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
}

/// <summary>One term of a label selector.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.Equals or LabelOperator.In => has && Values.Contains(value!),
            LabelOperator.NotEquals or LabelOperator.NotIn => !has || !Values.Contains(value!),
            LabelOperator.GreaterThan => has && Integer(value!) is { } n && n > Integer(Values[0]),
            LabelOperator.LessThan => has && Integer(value!) is { } m && m < Integer(Values[0]),
            _ => false,
        };
    }

    /// <summary>Gt and Lt compare as 64-bit integers; a label value that is not one never matches (as upstream).</summary>
    private static long? Integer(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
