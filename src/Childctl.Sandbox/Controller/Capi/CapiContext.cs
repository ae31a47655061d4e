namespace Childctl.Sandbox.Controller;

/// <summary>
/// Everything the CAPI messages and objects of one cluster are made from. <paramref name="Version"/> is the k0s
/// version of the cluster's template, <paramref name="PreviousVersion"/> that of the template before the change in
/// progress (the machines keep it until they roll).
/// </summary>
internal sealed record CapiContext(
    string Namespace,
    string Name,
    string Uid,
    ClusterConfig Config,
    ProviderProfile? Profile,
    ClusterSim Sim,
    FailureInjection Failure,
    string Version = "",
    string PreviousVersion = "")
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

/// <summary>
/// Names of the simulated CAPI objects of a cluster, as k0smotron and Cluster API would generate them:
/// control-plane machines <c>&lt;name&gt;-cp-&lt;i&gt;</c>, workers <c>&lt;name&gt;-md-&lt;set&gt;-&lt;suffix&gt;</c>.
/// Derived from the uid, so they stay the same on every reconcile.
/// </summary>
internal sealed class MachineNames
{
    private readonly string _name;
    private readonly string _uid;

    public MachineNames(string name, string uid, int machineSetGeneration)
    {
        _name = name;
        _uid = uid;
        MachineSet = $"{name}-md-{StableHash.Suffix(StableHash.RandomFor($"{uid}/ms/{machineSetGeneration}"), 5)}";
    }

    public string MachineDeployment => _name + "-md";

    public string MachineSet { get; }

    public string ControlPlane(int index) => $"{_name}-cp-{index}";

    public string Worker(int index) => $"{MachineSet}-{StableHash.Suffix(StableHash.RandomFor($"{_uid}/{MachineSet}/{index}"), 5)}";

    public IEnumerable<string> Workers(int from, int count) => Enumerable.Range(from, Math.Max(0, count)).Select(Worker);

    public IEnumerable<string> ControlPlanes(int from, int count) => Enumerable.Range(from, Math.Max(0, count)).Select(ControlPlane);

    /// <summary>CAPI lists at most a few names and summarises the rest.</summary>
    public static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= 3 ? string.Join(", ", all) : string.Join(", ", all.Take(3)) + $", ... ({all.Count - 3} more)";
    }
}
