namespace Childctl.Sandbox.Seeding;

/// <summary>What the seeder put into the store.</summary>
public sealed record SeedSummary(
    IReadOnlyList<string> Namespaces,
    int Templates,
    int Chains,
    int Credentials,
    IReadOnlyDictionary<SeedPhase, int> Clusters)
{
    public int ClusterCount => Clusters.Values.Sum();
}
