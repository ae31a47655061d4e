namespace Childctl.Core.Operations.Delete;

/// <summary>
/// Which clusters <c>childctl delete</c> is about: explicit names, or filters (label selector, provider, cloud
/// region, phase) or everything, in one namespace or all. Filters combine with AND. Names and filters do
/// not mix: a name says exactly what to delete.
/// </summary>
public sealed record DeleteSelection
{
    public IReadOnlyList<string> Names { get; init; } = [];

    public string? LabelSelector { get; init; }

    public string? Provider { get; init; }

    public string? Region { get; init; }

    public string? Phase { get; init; }

    public bool All { get; init; }

    /// <summary>The namespace to look in; null with <see cref="AllNamespaces"/>.</summary>
    public string? Namespace { get; init; }

    public bool AllNamespaces { get; init; }

    public bool HasFilters => LabelSelector is not null || Provider is not null || Region is not null || Phase is not null;

    /// <summary>How the selection reads in history and messages, e.g. <c>-l env=dev --provider aws</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Names.Count > 0)
        {
            parts.Add(string.Join(' ', Names));
        }

        Add(parts, "-l", LabelSelector);
        Add(parts, "--provider", Provider);
        Add(parts, "--region", Region);
        Add(parts, "--phase", Phase);
        if (All)
        {
            parts.Add("--all");
        }

        parts.Add(AllNamespaces ? "-A" : $"-n {Namespace}");
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, string flag, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{flag} {value}");
        }
    }
}
