namespace Childctl.History.Legacy;

/// <summary>The legacy files of one cluster name found in a state folder; either may be missing.</summary>
public sealed record LegacyCluster(string Name, string? EventsFile, string? StateFile)
{
    public IEnumerable<string> Files => new[] { EventsFile, StateFile }.OfType<string>();
}
