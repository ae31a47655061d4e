using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;
using Childctl.Core.Templates;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Preflight;

/// <summary>
/// The one pre-flight check of a ClusterDeployment spec against the management cluster, made before childctl writes
/// one: by <c>create</c> (flags, <c>-f</c>, <c>--dry-run</c>), <c>set config</c> and <c>edit</c> alike. Each check stops
/// what k0rdent would refuse or fail on later, with one exit-2 (or exit-3 for a missing object) message:
/// <list type="number">
/// <item>the ClusterTemplate: exists, is valid, is for the requested cloud (<see cref="TemplateResolver"/>);</item>
/// <item>the Credential: exists, its identity kind fits the template's cloud (<see cref="CloudProvider.IdentityKinds"/>,
/// the one per-cloud list), is ready (<see cref="CredentialResolver"/>);</item>
/// <item><c>spec.config</c>: present, with the keys the cloud requires (<see cref="ProviderConfig.MissingKeys"/>);</item>
/// <item><c>spec.config</c> over the template's defaults against the template's published values schema
/// (<see cref="ConfigSchema"/>), when it publishes one.</item>
/// </list>
/// The server-side dry run that follows (schema of the CRD, k0rdent's webhooks) is the caller's, since create and a
/// patch send different requests.
/// </summary>
internal sealed class ClusterSpecCheck(ManagementApi api)
{
    /// <summary>Resolves template and credential, builds the object with <paramref name="build"/>, and checks its config.</summary>
    public async Task<CheckedSpec> CheckAsync(SpecToCheck spec, Func<string, string, JsonObject> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(build);
        var templatesTask = api.ListAsync(K0rdentKinds.ClusterTemplate, spec.Namespace, null, cancellationToken);
        var credentialsTask = api.ListAsync(K0rdentKinds.Credential, spec.Namespace, null, cancellationToken);
        await Task.WhenAll(templatesTask, credentialsTask);
        var template = TemplateResolver.Resolve((await templatesTask).Items.Select(ClusterTemplate.Read).ToList(), spec.Namespace, spec.Provider, spec.Template);
        var provider = spec.Provider ?? CloudProvider.ForTemplateProviders(template.Providers);
        var credential = CredentialResolver.Resolve((await credentialsTask).Items.Select(Credential.Read).ToList(), spec.Namespace, provider, spec.Credential, template.Name);
        var manifest = build(template.Name, credential.Name);
        var config = RequiredConfig(manifest, provider, template.Name);
        if (await ConfigSchema.ReadAsync(api, template, cancellationToken) is { } schema
            && schema.Check(Defaults(template), config) is { Count: > 0 } violations)
        {
            throw schema.Refusal(spec.Name, violations);
        }

        return new CheckedSpec(template, credential, provider, manifest);
    }

    /// <summary><c>spec.config</c>, which must be there and hold the keys the cloud requires.</summary>
    private static JsonObject RequiredConfig(JsonObject manifest, CloudProvider? provider, string template)
    {
        if (ClusterDeploymentManifest.Spec(manifest)?["config"] is not JsonObject config)
        {
            throw ChildctlException.InvalidInput(
                "spec.config is missing: without it k0rdent fills in the template's defaults and turns spec.dryRun on; give the cluster's config explicitly");
        }

        if (provider is not null && ProviderConfig.MissingKeys(provider, config) is { Count: > 0 } missing)
        {
            throw ChildctlException.InvalidInput(
                $"spec.config lacks keys that {template} ({provider.Name}) requires: {string.Join(", ", missing)}");
        }

        return config;
    }

    /// <summary>The chart's default values, as k0rdent publishes them in the template's <c>status.config</c>.</summary>
    private static JsonObject? Defaults(ClusterTemplate template) =>
        JsonPath.Find(template.Raw, "status", "config") is { ValueKind: System.Text.Json.JsonValueKind.Object } config
            ? JsonNode.Parse(config.GetRawText()) as JsonObject
            : null;
}

/// <summary>
/// What a spec names: its namespace and cluster name, the cloud when the command line says it, the template and
/// credential (null: childctl picks the newest valid template of the cloud, the one ready Credential that fits).
/// </summary>
internal sealed record SpecToCheck(string Namespace, string Name, CloudProvider? Provider, string? Template, string? Credential);

/// <summary>A spec that passed: the template and credential it uses, its cloud when known, and the object built.</summary>
internal sealed record CheckedSpec(ClusterTemplate Template, Credential Credential, CloudProvider? Provider, JsonObject Manifest);
