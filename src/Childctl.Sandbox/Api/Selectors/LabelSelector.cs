using Childctl.Sandbox.Api.Http;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>
/// A parsed labelSelector: comma-separated terms, all of which must hold. Terms: <c>k=v</c>, <c>k==v</c>,
/// <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist).
/// </summary>
internal sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Parses; a malformed selector is a 400 BadRequest, as upstream.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(SplitTerms(text).Select(ParseTerm).ToList());
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    /// <summary>Splits on commas that are not inside a parenthesised value set.</summary>
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms.Select(t => t.Trim()).ToList();
    }

    private static LabelRequirement ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw Invalid(term, "empty term");
        }

        if (term.StartsWith('!'))
        {
            return new LabelRequirement(Key(term[1..].Trim(), term), LabelOperator.DoesNotExist, []);
        }

        foreach (var (op, kind) in (ReadOnlySpan<(string, LabelOperator)>)[("!=", LabelOperator.NotEquals), ("==", LabelOperator.Equals), ("=", LabelOperator.Equals)])
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return new LabelRequirement(Key(term[..at].Trim(), term), kind, [term[(at + op.Length)..].Trim()]);
            }
        }

        var words = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            return new LabelRequirement(Key(words[0], term), LabelOperator.Exists, []);
        }

        return SetTerm(words[0], words[1], term);
    }

    private static LabelRequirement SetTerm(string key, string rest, string term)
    {
        var kind = rest.StartsWith("notin", StringComparison.Ordinal) ? LabelOperator.NotIn
            : rest.StartsWith("in", StringComparison.Ordinal) ? LabelOperator.In
            : throw Invalid(term, "expected in or notin");
        var set = rest[(kind == LabelOperator.In ? 2 : 5)..].Trim();
        if (!set.StartsWith('(') || !set.EndsWith(')'))
        {
            throw Invalid(term, "expected a parenthesised set of values");
        }

        var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new LabelRequirement(Key(key, term), kind, values);
    }

    private static string Key(string key, string term) =>
        key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal) ? key : throw Invalid(term, "invalid label key");

    private static Storage.StoreException Invalid(string term, string why) =>
        ApiErrors.BadRequest($"unable to parse requirement: {why}: \"{term}\"");
}
