using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>
/// A parsed fieldSelector: <c>f=v</c>, <c>f==v</c> or <c>f!=v</c> terms joined by commas, restricted to the fields
/// each kind supports upstream (anything else is 400 <c>field label not supported: f</c>).
/// </summary>
internal sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => _terms = terms;

    public bool IsEverything => _terms.Count == 0;

    /// <summary>Parses with apimachinery's rules: no trimming, the first operator in a term splits it, values unescaped strictly.</summary>
    public static FieldSelector Parse(string? text, ResourceDefinition def)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var term in SplitUnescaped(text, ',').Where(t => t.Length > 0).Order(StringComparer.Ordinal))
        {
            var (field, op, value) = SplitTerm(term) ?? throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            terms.Add((field, op != "!=", Unescape(value)));
        }

        foreach (var (field, _, _) in terms)
        {
            if (!FieldValues.Supports(def, field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }
        }

        return new FieldSelector(terms);
    }

    public bool Matches(StoredObject obj) =>
        _terms.All(t => (FieldValues.Get(obj, t.Field) == t.Value) == t.Equal);

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static (string Field, string Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in (ReadOnlySpan<string>)["!=", "==", "="])
            {
                if (term.AsSpan(i).StartsWith(op, StringComparison.Ordinal))
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return null;
    }

    /// <summary>Upstream's UnescapeValue: <c>\\</c>, <c>\,</c> and <c>\=</c> only; a bare <c>,</c> or <c>=</c> is an error.</summary>
    private static string Unescape(string value)
    {
        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length)
                {
                    throw ApiErrors.BadRequest("invalid field selector: invalid escape sequence: \\");
                }

                var next = value[++i];
                result.Append(next is '\\' or ',' or '=' ? next : throw ApiErrors.BadRequest($"invalid field selector: invalid escape sequence: \\{next}"));
            }
            else if (c is ',' or '=')
            {
                throw ApiErrors.BadRequest($"invalid field selector: unescaped character in value: {(int)c}");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
