using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// The local half of a create, before any connection: turning flags or a file into a checked draft. Every check that
/// needs nothing but the request is made here, once: the name, the location flags and counts, the labels and
/// annotations (by the API server's rules), a file's kind, name and template.
/// </summary>
public sealed partial class CreateClusterService
{
    /// <summary>Checks the request and drafts the manifest; <paramref name="ns"/> is asked for only once the local checks have passed.</summary>
    internal static Draft Plan(CreateRequest request, Func<string> ns, bool namespaceExplicit)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckMetadata(request.Labels, "--cluster-labels", labels: true);
        CheckMetadata(request.Annotations, "--cluster-annotations", labels: false);
        return request.Manifest is null ? FromFlags(request, ns) : FromFile(request, ns, namespaceExplicit);
    }

    private static Draft FromFlags(CreateRequest request, Func<string> resolveNamespace)
    {
        var provider = request.Provider ?? throw ChildctlException.InvalidInput("name a provider (azure, aws or gcp) or give a file with -f");
        ClusterNameRules.Validate(request.Name);
        var config = ProviderConfig.Build(provider, request.Shape);
        var ns = resolveNamespace();
        return new Draft(ns, request.Name!, provider, request.Template, request.Credential,
            (template, credential) => ClusterDeploymentManifest.Build(request.Name!, ns, template, credential,
                (JsonObject)config.DeepClone(), request.Labels, request.Annotations, request.K0rdentDryRun),
            FromFlagsParameters);
    }

    /// <summary>Label and annotation keys (and label values) by the API server's rules, so a bad one is one clear message, not a 422.</summary>
    private static void CheckMetadata(IReadOnlyDictionary<string, string>? pairs, string flag, bool labels)
    {
        foreach (var (key, value) in pairs ?? new Dictionary<string, string>())
        {
            if ((LabelRules.KeyProblem(key) ?? (labels ? LabelRules.ValueProblem(value) : null)) is { } problem)
            {
                throw ChildctlException.InvalidInput($"{flag}: invalid key=value \"{key}={value}\": {problem}");
            }
        }
    }

    private static Dictionary<string, string>? FromFlagsParameters(CreateRequest request, JsonObject? manifest, string? template, string? credential, string? provider) =>
        CreateParameters.FromFlags(request, template ?? request.Template ?? string.Empty, credential ?? request.Credential ?? string.Empty);

    private static Draft FromFile(CreateRequest request, Func<string> resolveNamespace, bool namespaceExplicit)
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
        var spec = ClusterDeploymentManifest.Spec(manifest) ?? throw ChildctlException.InvalidInput($"{source} has no spec");
        var template = ClusterDeploymentManifest.SpecString(manifest, "template")
            ?? throw ChildctlException.InvalidInput($"{source} has no spec.template: name the ClusterTemplate to use");
        var ns = FileNamespace(manifest, source, resolveNamespace(), namespaceExplicit);
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

    private static string FileNamespace(JsonObject manifest, string source, string ns, bool namespaceExplicit)
    {
        var own = ClusterDeploymentManifest.Namespace(manifest);
        if (own is not null && namespaceExplicit && own != ns)
        {
            throw ChildctlException.InvalidInput(
                $"{source} is for namespace \"{own}\" but -n says \"{ns}\": remove one of them");
        }

        return own ?? ns;
    }

    /// <summary>A create checked locally: where, what, and how to build the manifest once template and credential are known.</summary>
    internal sealed record Draft(
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
