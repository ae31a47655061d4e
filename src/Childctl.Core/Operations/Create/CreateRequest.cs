using System.Text.Json.Nodes;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// A create, either from flags (<see cref="Provider"/>, <see cref="Name"/>, <see cref="Shape"/>...) or from a file
/// (<see cref="Manifest"/>, read from <see cref="Source"/>). <see cref="ServerDryRun"/> validates on the server and
/// creates nothing; <see cref="K0rdentDryRun"/> sets <c>spec.dryRun</c> (k0rdent validates, deploys nothing).
/// </summary>
public sealed record CreateRequest
{
    /// <summary>-n, or the context's namespace; a file's own namespace must agree with an explicit -n.</summary>
    public required string Namespace { get; init; }

    /// <summary>True when -n was given (so a file naming another namespace is an error, as in kubectl).</summary>
    public bool NamespaceExplicit { get; init; }

    public CloudProvider? Provider { get; init; }

    public string? Name { get; init; }

    public ClusterShape Shape { get; init; } = new();

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public string? Template { get; init; }

    public string? Credential { get; init; }

    public JsonObject? Manifest { get; init; }

    public string? Source { get; init; }

    public bool ServerDryRun { get; init; }

    public bool K0rdentDryRun { get; init; }
}
