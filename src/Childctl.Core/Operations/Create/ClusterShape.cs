namespace Childctl.Core.Operations.Create;

/// <summary>
/// What <c>childctl create PROVIDER</c> takes from flags, named as in the users' create-*-child.sh scripts.
/// Null means "not given": location/region/project/subscription have no default; instance sizes default
/// per provider; counts default to the chart's own defaults (3 control planes, 2 workers) but are always
/// written out, so the spec and the history say exactly what was asked for.
/// </summary>
public sealed record ClusterShape
{
    public string? Location { get; init; }

    public string? SubscriptionId { get; init; }

    public string? Region { get; init; }

    public string? Project { get; init; }

    public string? ControlPlaneInstanceSize { get; init; }

    public string? WorkerInstanceSize { get; init; }

    public int? ControlPlaneNumber { get; init; }

    public int? WorkerNumber { get; init; }

    public int? RootVolumeSize { get; init; }
}
