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

    public static FieldSelector Parse(string? text, ResourceDefinition def)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var raw in SplitUnescaped(text, ','))
        {
            var term = raw.Trim();
            var (at, len, equal) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, 2, false)
                : term.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? (ee, 2, true)
                : term.IndexOf('=', StringComparison.Ordinal) is var e and > 0 ? (e, 1, true)
                : throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            var field = term[..at].Trim();
            if (!FieldValues.Supports(def, field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, Unescape(term[(at + len)..].Trim())));
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

    private static string Unescape(string value) =>
        value.Replace("\\,", ",", StringComparison.Ordinal).Replace("\\=", "=", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}
