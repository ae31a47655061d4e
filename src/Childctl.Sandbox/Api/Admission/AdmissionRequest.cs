using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.Admission;

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
