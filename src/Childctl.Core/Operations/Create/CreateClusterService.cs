using System.Text.Json.Nodes;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations.Provenance;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// <c>create PROVIDER NAME</c> and <c>create -f FILE</c>. Everything that can be checked is checked before the first
/// write, each failure one message and nothing created: the name (every system it becomes a name in), the flags, the
/// template (exists, valid, right cloud), the credential (exists, ready), the provider's required config keys, then a
/// server-side dry run (schema, webhooks, name taken). Only then the create, stamped with provenance and recorded as
/// <c>cluster_created</c>; a failure after the local checks is recorded as <c>cluster_create_failed</c>.
/// </summary>
public sealed partial class CreateClusterService
{
    private const string Action = "create";
    private readonly ManagementApi _api;
    private readonly HistoryRecorder _history;

    public CreateClusterService(ManagementApi api, HistoryRecorder history)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history ?? throw new ArgumentNullException(nameof(history));
    }

    public async Task<CreateResult> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = request.Manifest is null ? FromFlags(request) : FromFile(request);
        try
        {
            return await CreateCheckedAsync(request, draft, cancellationToken);
        }
        catch (ChildctlException e) when (!request.ServerDryRun)
        {
            await _history.RecordAsync(draft.Namespace, draft.Name,
                new OperationRecord(HistoryActions.ClusterCreateFailed, null, draft.Parameters(request, null, null, null), Error: e.Message),
                cancellationToken);
            throw;
        }
    }

    private async Task<CreateResult> CreateCheckedAsync(CreateRequest request, Draft draft, CancellationToken cancellationToken)
    {
        var templatesTask = _api.ListAsync(K0rdentKinds.ClusterTemplate, draft.Namespace, null, cancellationToken);
        var credentialsTask = _api.ListAsync(K0rdentKinds.Credential, draft.Namespace, null, cancellationToken);
        await Task.WhenAll(templatesTask, credentialsTask);
        var template = TemplateResolver.Resolve((await templatesTask).Items.Select(ClusterTemplate.Read).ToList(), draft.Namespace, draft.Provider, draft.Template);
        var provider = draft.Provider ?? CloudProvider.ForTemplateProviders(template.Providers);
        var credential = CredentialResolver.Resolve((await credentialsTask).Items.Select(Credential.Read).ToList(), draft.Namespace, provider, draft.Credential);
        var manifest = draft.Build(template.Name, credential.Name);
        CheckConfig(manifest, provider, template.Name);
        ProvenanceAnnotations.Stamp(manifest, _history.Operation, Action);

        var checkedObject = await _api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, manifest, serverDryRun: true, cancellationToken);
        var result = new CreateResult(draft.Namespace, draft.Name, manifest, checkedObject, request.ServerDryRun,
            template.Name, draft.Template is null, credential.Name, draft.Credential is null, null);
        if (request.ServerDryRun)
        {
            return result;
        }

        await _history.EnsureRecordableAsync(draft.Namespace, draft.Name, cancellationToken);
        var created = await _api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, manifest, serverDryRun: false, cancellationToken);
        var uid = JsonPath.Find(created, "metadata", "uid")?.GetString();
        await _history.RecordAsync(draft.Namespace, draft.Name,
            new OperationRecord(HistoryActions.ClusterCreated, uid,
                SpecSnapshot.AddTo(draft.Parameters(request, manifest, template.Name, credential.Name, provider?.Name), ClusterDeployments.ClusterDeploymentReader.Read(created)),
                Message: $"created from template {template.Name} with credential {credential.Name}"),
            cancellationToken);
        return result with { ServerObject = created, Uid = uid };
    }

    private static void CheckConfig(JsonObject manifest, CloudProvider? provider, string template)
    {
        var config = ClusterDeploymentManifest.Spec(manifest)?["config"];
        if (config is not JsonObject configObject)
        {
            throw ChildctlException.InvalidInput(
                "spec.config is missing: without it k0rdent fills in the template's defaults and turns spec.dryRun on; give the cluster's config explicitly");
        }

        if (provider is not null && ProviderConfig.MissingKeys(provider, configObject) is { Count: > 0 } missing)
        {
            throw ChildctlException.InvalidInput(
                $"spec.config lacks keys that {template} ({provider.Name}) requires: {string.Join(", ", missing)}");
        }
    }
}
