using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary>
/// A filter option taking one or more comma-separated values from a fixed set, matched without regard to case.
/// A value outside the set is a usage error (exit 2) that lists the choices, before any API call.
/// </summary>
internal static class FilterOption
{
    public static Option<string?> Create(string name, string description, IReadOnlyList<string> choices)
    {
        var option = new Option<string?>(name) { Description = $"{description}; comma-separated for several" };
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. choices]);
        option.Validators.Add(result =>
        {
            foreach (var value in Split(result.GetValueOrDefault<string?>()))
            {
                if (!choices.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    result.AddError($"unknown {name.TrimStart('-')} '{value}': use one of {string.Join(", ", choices)}");
                }
            }
        });
        return option;
    }

    /// <summary>The values of a comma-separated option, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The values mapped to their canonical spelling in <paramref name="choices"/>.</summary>
    public static IEnumerable<string> Canonical(string? text, IReadOnlyList<string> choices) =>
        Split(text).Select(v => choices.First(c => string.Equals(c, v, StringComparison.OrdinalIgnoreCase)));
}
