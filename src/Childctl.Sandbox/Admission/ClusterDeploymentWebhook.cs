using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Admission;

/// <summary>
/// k0rdent's validating webhook for ClusterDeployments (<c>validation.clusterdeployment.k0rdent.mirantis.com</c>,
/// REFERENCE.md §5 point 4 and §6), with its words. On create: the ClusterTemplate must exist and be valid, and
/// the Credential must exist, be Ready and have an identity kind the template's infrastructure provider accepts.
/// On update: the (new) template must exist; a template change must be one of <c>status.availableUpgrades</c>
/// (upgrade-path checking is on) and go to a valid template; a credential change is checked as on create. As
/// with controller-runtime, a wrapped Kubernetes error (a NotFound) is answered as that error, without the
/// "the ClusterDeployment is invalid" prefix. Not checked, because the sandbox has no such objects: required
/// CAPI providers, ServiceTemplates of add-on services, Kubernetes version compatibility and Regions.
/// </summary>
internal sealed class ClusterDeploymentWebhook(IObjectStore store) : IAdmissionWebhook
{
    private const string Invalid = "the ClusterDeployment is invalid: ";
    private const string InfrastructurePrefix = "infrastructure-";

    public string Name => "validation.clusterdeployment.k0rdent.mirantis.com";

    public bool Handles(ResourceType type, string operation) =>
        operation != AdmissionRequest.Delete && type.Group == ResourceType.ClusterDeployment.Group && type.Plural == ResourceType.ClusterDeployment.Plural;

    public AdmissionVerdict Validate(AdmissionRequest request)
    {
        var cluster = request.Object!;
        var ns = JsonAccess.Namespace(cluster);
        var templateName = JsonAccess.String(cluster, "spec", "template") ?? "";
        var template = store.Get(ResourceType.ClusterTemplate, ns, templateName);
        if (template is null)
        {
            return AdmissionVerdict.NotFound(ResourceType.ClusterTemplate, templateName);
        }

        if (request.OldObject is not { } old)
        {
            return TemplateProblem(template) ?? CredentialProblem(cluster, template) ?? AdmissionVerdict.Allowed;
        }

        var oldTemplate = JsonAccess.String(old, "spec", "template") ?? "";
        if (oldTemplate != templateName)
        {
            var upgrades = JsonAccess.At(old, "status", "availableUpgrades") as JsonArray ?? [];
            if (!upgrades.Any(u => u?.ToString() == templateName))
            {
                return AdmissionVerdict.Forbidden("cluster upgrade is forbidden",
                    $"Cluster can't be upgraded from {oldTemplate} to {templateName}. This upgrade sequence is not allowed");
            }

            if (TemplateProblem(template) is { } invalid)
            {
                return invalid;
            }
        }

        return JsonAccess.String(old, "spec", "credential") != JsonAccess.String(cluster, "spec", "credential")
            ? CredentialProblem(cluster, template) ?? AdmissionVerdict.Allowed
            : AdmissionVerdict.Allowed;
    }

    private static AdmissionVerdict? TemplateProblem(JsonObject template) =>
        JsonAccess.Bool(template, "status", "valid")
            ? null
            : AdmissionVerdict.Forbidden(Invalid + $"the ClusterTemplate {Key(template)} is invalid with the error: {JsonAccess.String(template, "status", "validationError")}");

    /// <summary>k0rdent's ClusterDeployCredential: the template has an infrastructure provider, the Credential is Ready and fits it.</summary>
    private AdmissionVerdict? CredentialProblem(JsonObject cluster, JsonObject template)
    {
        var providers = (JsonAccess.At(template, "status", "providers") as JsonArray ?? []).Select(p => p?.ToString() ?? "").ToList();
        if (providers.Count == 0)
        {
            return AdmissionVerdict.Forbidden(Invalid + $"no providers have been found in the ClusterTemplate {Key(template)}");
        }

        if (!providers.Any(p => p.StartsWith(InfrastructurePrefix, StringComparison.Ordinal)))
        {
            return AdmissionVerdict.Forbidden(Invalid + $"no infrastructure providers have been found in the ClusterTemplate {Key(template)}");
        }

        var ns = JsonAccess.Namespace(cluster);
        var name = JsonAccess.String(cluster, "spec", "credential") ?? "";
        if (name.Length == 0)
        {
            return AdmissionVerdict.Forbidden(Invalid + $"failed to get Credential {ns}/ referred in the ClusterDeployment {Key(cluster)}: resource name may not be empty");
        }

        if (store.Get(ResourceType.Credential, ns, name) is not { } credential)
        {
            return AdmissionVerdict.NotFound(ResourceType.Credential, name);
        }

        if (!JsonAccess.Bool(credential, "status", "ready"))
        {
            return AdmissionVerdict.Forbidden(Invalid + $"the Credential {ns}/{name} is not Ready");
        }

        var kind = JsonAccess.String(credential, "spec", "identityRef", "kind") ?? "";
        return ProviderProfile.IdentityMismatch(kind, $"{ns}/{name}", providers) is { } problem ? AdmissionVerdict.Forbidden(Invalid + problem) : null;
    }

    private static string Key(JsonObject obj) => $"{JsonAccess.Namespace(obj)}/{JsonAccess.Name(obj)}";
}
