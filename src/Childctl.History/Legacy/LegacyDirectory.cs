namespace Childctl.History.Legacy;

/// <summary>
/// Finds <c>cluster-&lt;name&gt;-events.yaml</c> and <c>cluster-&lt;name&gt;-state.yaml</c> in a legacy state folder.
/// Other YAML files there (deployment-, kof-, azure- events and state) concern the management cluster and are
/// reported as skipped.
/// </summary>
public static class LegacyDirectory
{
    private const string Prefix = "cluster-";
    private const string EventsSuffix = "-events.yaml";
    private const string StateSuffix = "-state.yaml";

    public static (IReadOnlyList<LegacyCluster> Clusters, IReadOnlyList<string> Others) Scan(string directory)
    {
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (TryName(name, EventsSuffix, out var cluster))
            {
                events[cluster] = file;
            }
            else if (TryName(name, StateSuffix, out cluster))
            {
                states[cluster] = file;
            }
            else
            {
                others.Add(file);
            }
        }

        var clusters = events.Keys.Union(states.Keys).Order(StringComparer.Ordinal)
            .Select(n => new LegacyCluster(n, events.GetValueOrDefault(n), states.GetValueOrDefault(n)))
            .ToList();
        return (clusters, others);
    }

    private static bool TryName(string fileName, string suffix, out string cluster)
    {
        cluster = string.Empty;
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal)
            || fileName.Length <= Prefix.Length + suffix.Length)
        {
            return false;
        }

        cluster = fileName[Prefix.Length..^suffix.Length];
        return true;
    }
}

/// <summary>The legacy files of one cluster name found in a state folder; either may be missing.</summary>
public sealed record LegacyCluster(string Name, string? EventsFile, string? StateFile)
{
    public IEnumerable<string> Files => new[] { EventsFile, StateFile }.OfType<string>();
}
