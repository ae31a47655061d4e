using System.Globalization;

namespace Childctl.Kubernetes;

/// <summary>
/// The API server's label-selector grammar (k8s.io/apimachinery labels.Parse), checked before a list or a bulk
/// operation, so that a selector the server would refuse is one clear usage error rather than a request (a lax
/// server might even read it as "everything"). Requirements are separated by commas: <c>key</c>, <c>!key</c>,
/// <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>,
/// <c>key&gt;N</c>, <c>key&lt;N</c>; keys and values follow <see cref="LabelRules"/>. An empty selector selects everything.
/// </summary>
public static class LabelSelectorSyntax
{
    /// <summary>Null when <paramref name="selector"/> parses, else what is wrong with it.</summary>
    public static string? Problem(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var tokens = Tokenize(selector);
        var at = 0;
        if (tokens.Count == 0)
        {
            return null;
        }

        while (true)
        {
            if (Requirement(tokens, ref at) is { } problem)
            {
                return problem;
            }

            if (at == tokens.Count)
            {
                return null;
            }

            if (tokens[at++] != ",")
            {
                return $"expected ',' after a requirement, found '{tokens[at - 1]}'";
            }
        }
    }

    private static string? Requirement(List<string> tokens, ref int at)
    {
        var negated = Peek(tokens, at) == "!";
        at += negated ? 1 : 0;
        var key = Peek(tokens, at);
        if (key is null || IsSymbol(key))
        {
            return $"expected a label key{(key is null ? " at the end" : $", found '{key}'")}";
        }

        at++;
        if (LabelRules.KeyProblem(key) is { } keyProblem)
        {
            return $"invalid key \"{key}\": {keyProblem}";
        }

        var op = Peek(tokens, at);
        if (negated || op is null or ",")
        {
            return negated && op is not (null or ",") ? $"'!{key}' takes no operator, found '{op}'" : null;
        }

        at++;
        return op switch
        {
            "=" or "==" or "!=" => Value(tokens, ref at, key, op, integer: false),
            ">" or "<" => Value(tokens, ref at, key, op, integer: true),
            "in" or "notin" => Set(tokens, ref at, key, op),
            _ => $"unknown operator '{op}' after \"{key}\": use =, ==, !=, in, notin, > or <",
        };
    }

    private static string? Value(List<string> tokens, ref int at, string key, string op, bool integer)
    {
        var value = Peek(tokens, at) is { } next && !IsSymbol(next) ? next : string.Empty;
        at += value.Length > 0 ? 1 : 0;
        if (integer)
        {
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? null
                : $"'{key} {op}' needs an integer, found '{value}'";
        }

        return Peek(tokens, at) is { } after && after != "," ? $"unexpected '{after}' after \"{key}{op}{value}\"" : ValueCheck(value);
    }

    private static string? Set(List<string> tokens, ref int at, string key, string op)
    {
        if (Peek(tokens, at++) != "(")
        {
            return $"'{key} {op}' needs a list of values in parentheses";
        }

        var values = 0;
        while (true)
        {
            var token = Peek(tokens, at++);
            switch (token)
            {
                case null:
                    return $"'{key} {op} (' is not closed";
                case ")":
                    return values == 0 ? $"'{key} {op} ()' needs at least one value" : null;
                case ",":
                    continue;
                default:
                    if (IsSymbol(token) || ValueCheck(token) is not null)
                    {
                        return ValueCheck(token) ?? $"unexpected '{token}' in the values of \"{key}\"";
                    }

                    values++;
                    break;
            }
        }
    }

    private static string? ValueCheck(string value) => LabelRules.ValueProblem(value) is { } problem ? $"invalid value: {problem}" : null;

    private static string? Peek(List<string> tokens, int at) => at < tokens.Count ? tokens[at] : null;

    private static bool IsSymbol(string token) => token is "!" or "!=" or "=" or "==" or "(" or ")" or "," or ">" or "<";

    /// <summary>Symbols (<c>! != = == ( ) , &gt; &lt;</c>) and identifiers (anything else without white space), as the server's lexer splits them.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '!' or '=' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '!' or '=' or '(' or ')' or ',' or '>' or '<')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('!' or '=' or '(' or ')' or ',' or '>' or '<'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}

/// <summary>
/// The API server's rules for label and annotation keys (a qualified name: an optional DNS-subdomain prefix and
/// '/', then a name of at most 63 characters) and label values, checked before a write so that a bad key is one
/// clear message rather than a 422. Returns null when valid, else what is wrong.
/// </summary>
public static class LabelRules
{
    private const int NameMax = 63;
    private const int PrefixMax = 253;

    public static string? KeyProblem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > PrefixMax || !prefix.Split('.').All(IsDnsLabel))
            {
                return $"the prefix \"{prefix}\" must be a DNS subdomain (lower-case letters, digits, '-' and '.')";
            }
        }

        return IsQualifiedName(name)
            ? null
            : $"\"{name}\" must be 1-{NameMax} letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }

    public static string? ValueProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 || IsQualifiedName(value)
            ? null
            : $"the value \"{value}\" must be empty or up to {NameMax} letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }

    private static bool IsQualifiedName(string name) =>
        name.Length is > 0 and <= NameMax
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsDnsLabel(string part) =>
        part.Length is > 0 and <= NameMax
        && (char.IsAsciiLetterLower(part[0]) || char.IsAsciiDigit(part[0]))
        && (char.IsAsciiLetterLower(part[^1]) || char.IsAsciiDigit(part[^1]))
        && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
