using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// A create, either from flags (<see cref="Provider"/>, <see cref="Name"/>, <see cref="Shape"/>...) or from a file
/// (<see cref="Manifest"/>, read from <see cref="Source"/>). <see cref="ServerDryRun"/> validates on the server and creates
/// nothing; <see cref="K0rdentDryRun"/> sets <c>spec.dryRun</c> (k0rdent validates, deploys nothing); <see cref="Wait"/>
/// then waits until the cluster is Ready.
/// </summary>
public sealed record CreateRequest
{
    public CloudProvider? Provider { get; init; }

    public string? Name { get; init; }

    public ClusterShape Shape { get; init; } = new();

    /// <summary>Labels as given (<c>--cluster-labels</c>); checked by the API server's rules before anything is sent.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public string? Template { get; init; }

    public string? Credential { get; init; }

    public JsonObject? Manifest { get; init; }

    public string? Source { get; init; }

    public bool ServerDryRun { get; init; }

    public bool K0rdentDryRun { get; init; }

    public TimeSpan? Wait { get; init; }

    public string? Reason { get; init; }
}

/// <summary>
/// What <c>childctl create PROVIDER</c> takes from flags, named as in the users' create-*-child.sh scripts. Null means
/// "not given": the location flags (<see cref="Location"/>, by flag name, as <see cref="CloudProvider.Location"/> lists
/// them) have no default; instance sizes default per provider; counts default to the chart's own defaults (3 control
/// planes, 2 workers) but are always written out, so the spec and the history say exactly what was asked for.
/// </summary>
public sealed record ClusterShape
{
    /// <summary>The values of the cloud's location flags, keyed by flag (<c>--region</c>, <c>--location</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Location { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? ControlPlaneInstanceSize { get; init; }

    public string? WorkerInstanceSize { get; init; }

    public int? ControlPlaneNumber { get; init; }

    public int? WorkerNumber { get; init; }

    public int? RootVolumeSize { get; init; }
}

/// <summary>
/// What a create did: the manifest sent, the object the server returned (for a server dry run: as it would be stored),
/// the template and credential chosen (and whether childctl chose them), the new object's uid, and the wait's outcome.
/// </summary>
public sealed record CreateResult(
    string Namespace,
    string Name,
    JsonObject Manifest,
    JsonElement ServerObject,
    bool ServerDryRun,
    string Template,
    bool TemplateDefaulted,
    string Credential,
    bool CredentialDefaulted,
    string? Uid);
