using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Cli;

/// <summary>Parses <c>k=v,k2=v2</c> as the users' scripts took --cluster-labels and --cluster-annotations.</summary>
internal static class KeyValueList
{
    /// <param name="labels">Check values by the label rules too (annotation values are free text).</param>
    public static IReadOnlyDictionary<string, string>? Parse(string? text, string flag, bool labels)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw ChildctlException.InvalidInput($"{flag}: \"{pair}\" is not key=value (use {flag} k=v,k2=v2)");
            }

            var (key, value) = (pair[..equals], pair[(equals + 1)..]);
            if ((LabelRules.KeyProblem(key) ?? (labels ? LabelRules.ValueProblem(value) : null)) is { } problem)
            {
                throw ChildctlException.InvalidInput($"{flag}: invalid key=value \"{pair}\": {problem}");
            }

            result[key] = value;
        }

        return result;
    }
}
