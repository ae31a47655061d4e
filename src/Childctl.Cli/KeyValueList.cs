using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>Parses <c>k=v,k2=v2</c> as the users' scripts took --cluster-labels and --cluster-annotations.</summary>
internal static class KeyValueList
{
    public static IReadOnlyDictionary<string, string>? Parse(string? text, string flag)
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

            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }
}
