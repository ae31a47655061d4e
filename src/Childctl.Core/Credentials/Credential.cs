using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes;

namespace Childctl.Core.Credentials;

/// <summary>A typed read-model of one Credential (REFERENCE.md §10); <see cref="Raw"/> is the object as served.</summary>
public sealed class Credential
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    /// <summary><c>status.ready</c>, which mirrors the <c>CredentialReady</c> condition.</summary>
    public bool Ready { get; init; }

    /// <summary><c>spec.region</c>: a k0rdent Region (regional management cluster), not a cloud region.</summary>
    public string? Region { get; init; }

    public string? IdentityKind { get; init; }

    public string? IdentityName { get; init; }

    public string? IdentityNamespace { get; init; }

    /// <summary>The <c>CredentialReady</c> condition's message, e.g. why the identity is missing.</summary>
    public string? ReadyMessage { get; init; }

    public JsonElement Raw { get; init; }

    public static Credential Read(JsonElement obj)
    {
        var metadata = JsonPath.Object(obj, "metadata");
        var spec = JsonPath.Object(obj, "spec");
        var identity = spec is { } s ? JsonPath.Object(s, "identityRef") : null;
        var status = JsonPath.Object(obj, "status");
        var condition = ClusterDeploymentReader.ReadConditions(status).FirstOrDefault(c => c.Type == ConditionTypes.CredentialReady);
        return new Credential
        {
            Name = metadata is { } m ? JsonPath.String(m, "name") ?? string.Empty : string.Empty,
            Namespace = metadata is { } n ? JsonPath.String(n, "namespace") ?? string.Empty : string.Empty,
            Ready = status is { } r && JsonPath.Boolean(r, "ready"),
            Region = spec is { } rg ? Empty(JsonPath.String(rg, "region")) : null,
            IdentityKind = identity is { } k ? JsonPath.String(k, "kind") : null,
            IdentityName = identity is { } i ? JsonPath.String(i, "name") : null,
            IdentityNamespace = identity is { } ns ? Empty(JsonPath.String(ns, "namespace")) : null,
            ReadyMessage = Empty(condition?.Message),
            Raw = obj,
        };
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
