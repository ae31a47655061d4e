namespace Childctl.Sandbox.Controller;

/// <summary>Everything the CAPI messages of one cluster are made from.</summary>
internal sealed record CapiContext(
    string Namespace,
    string Name,
    string Uid,
    ClusterConfig Config,
    ProviderProfile? Profile,
    ClusterSim Sim,
    FailureInjection Failure)
{
    public MachineNames Machines { get; } = new(Name, Uid, Sim.MachineSetGeneration);

    public string InfrastructureKind => Profile?.InfrastructureKind ?? "InfrastructureCluster";

    /// <summary>The node providerID CAPI waits for, in each cloud's format.</summary>
    public string ProviderId(string machine)
    {
        var random = StableHash.RandomFor(Uid + machine);
        return Profile?.Provider switch
        {
            CloudProvider.Azure => $"azure:///subscriptions/{Config.Subscription}/resourceGroups/{Name}/providers/Microsoft.Compute/virtualMachines/{machine}",
            CloudProvider.Aws => $"aws:///{Config.Region}a/i-0{StableHash.Hex(random, 16)}",
            _ => $"gce://{Config.Project}/{Config.Region}-a/{machine}",
        };
    }
}
