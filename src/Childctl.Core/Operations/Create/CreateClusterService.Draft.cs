using System.Text.Json.Nodes;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Create;

/// <summary>The local half of a create: turning flags or a file into a checked draft, before any API call.</summary>
public sealed partial class CreateClusterService
{
    private static Draft FromFlags(CreateRequest request)
    {
        var provider = request.Provider ?? throw ChildctlException.InvalidInput("name a provider (azure, aws or gcp) or give a file with -f");
        ClusterNameRules.Validate(request.Name);
        var config = ProviderConfig.Build(provider, request.Shape);
        return new Draft(request.Namespace, request.Name!, provider, request.Template, request.Credential,
            (template, credential) => ClusterDeploymentManifest.Build(request.Name!, request.Namespace, template, credential,
                (JsonObject)config.DeepClone(), request.Labels, request.Annotations, request.K0rdentDryRun),
            FromFlagsParameters);
    }

    private static Dictionary<string, string>? FromFlagsParameters(CreateRequest request, JsonObject? manifest, string? template, string? credential, string? provider) =>
        CreateParameters.FromFlags(request, template ?? request.Template ?? string.Empty, credential ?? request.Credential ?? string.Empty);

    private static Draft FromFile(CreateRequest request)
    {
        var manifest = request.Manifest!;
        var source = request.Source ?? "the file";
        if (manifest["kind"]?.GetValue<string>() != ClusterDeploymentManifest.Kind
            || manifest["apiVersion"]?.GetValue<string>() != ClusterDeploymentManifest.ApiVersion)
        {
            throw ChildctlException.InvalidInput(
                $"{source} is not a {ClusterDeploymentManifest.ApiVersion} {ClusterDeploymentManifest.Kind} (kind: {manifest["kind"]}, apiVersion: {manifest["apiVersion"]})");
        }

        var name = ClusterDeploymentManifest.Name(manifest);
        ClusterNameRules.Validate(name);
        var ns = FileNamespace(request, manifest, source);
        var spec = ClusterDeploymentManifest.Spec(manifest) ?? throw ChildctlException.InvalidInput($"{source} has no spec");
        var template = ClusterDeploymentManifest.SpecString(manifest, "template")
            ?? throw ChildctlException.InvalidInput($"{source} has no spec.template: name the ClusterTemplate to use");
        if (request.K0rdentDryRun)
        {
            spec["dryRun"] = true;
        }

        return new Draft(ns, name!, null, template, ClusterDeploymentManifest.SpecString(manifest, "credential"),
            (_, credential) =>
            {
                var copy = (JsonObject)manifest.DeepClone();
                copy["metadata"]!["namespace"] = ns;
                copy["spec"]!["credential"] = credential;
                copy.Remove("status");
                return copy;
            },
            (r, built, t, c, p) => CreateParameters.FromManifest(r, built ?? manifest, t ?? template, c ?? string.Empty, p));
    }

    private static string FileNamespace(CreateRequest request, JsonObject manifest, string source)
    {
        var own = ClusterDeploymentManifest.Namespace(manifest);
        if (own is not null && request.NamespaceExplicit && own != request.Namespace)
        {
            throw ChildctlException.InvalidInput(
                $"{source} is for namespace \"{own}\" but -n says \"{request.Namespace}\": remove one of them");
        }

        return own ?? request.Namespace;
    }

    /// <summary>A create checked locally: where, what, and how to build the manifest once template and credential are known.</summary>
    private sealed record Draft(
        string Namespace,
        string Name,
        CloudProvider? Provider,
        string? Template,
        string? Credential,
        Func<string, string, JsonObject> Build,
        Func<CreateRequest, JsonObject?, string?, string?, string?, Dictionary<string, string>?> ParametersOf)
    {
        public Dictionary<string, string>? Parameters(CreateRequest request, JsonObject? manifest, string? template, string? credential, string? provider = null) =>
            ParametersOf(request, manifest, template, credential, provider ?? Provider?.Name);
    }
}
