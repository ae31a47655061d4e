using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Admission;

/// <summary>
/// The one place where every API write (create, replace, patch, apply, delete, of objects and status) is admitted,
/// after schema and core validation and before the store commits it: each step throws a <see cref="StoreException"/>
/// (the Status to answer with) to refuse. Runs under the store's lock for updates, so a step must be quick and must
/// not write to the store. In-process writers (the simulated controller) bypass it, as controllers bypass webhooks
/// that exempt them.
/// </summary>
internal static class AdmissionChain
{
    public static void Admit(AdmissionRequest request)
    {
        NamespaceLifecycle.Admit(request);
    }
}

/// <summary>
/// What a validating admission step sees, as an apiserver's AdmissionReview would carry it: the operation
/// (CREATE, UPDATE or DELETE), the kind, where, the object after the change (null for DELETE) and before it (null for
/// CREATE), the requesting user (after impersonation) and whether it is a dry run.
/// </summary>
internal sealed record AdmissionRequest(
    string Operation,
    ResourceDefinition Definition,
    string? Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    string? Subresource,
    ApiUser User,
    bool DryRun)
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
}

/// <summary>
/// The part of the apiserver's NamespaceLifecycle admission plugin the store does not already do: the namespaces
/// the cluster needs (default, kube-system, kube-public) cannot be deleted. Creating content in a missing or
/// terminating namespace is refused by the store itself, so in-process writers get the same answer.
/// </summary>
internal static class NamespaceLifecycle
{
    private static readonly HashSet<string> Immortal = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public" };

    public static void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionRequest.Delete && request.Definition.Type == Storage.ResourceType.Namespace && Immortal.Contains(request.Name))
        {
            throw new Storage.StoreException(403, "Forbidden", $"namespaces \"{request.Name}\" is forbidden: this namespace may not be deleted",
                new Storage.StatusDetails(request.Name, null, "namespaces"));
        }
    }
}
