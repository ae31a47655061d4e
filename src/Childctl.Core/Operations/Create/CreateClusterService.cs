using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Preflight;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Templates;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// <c>create PROVIDER NAME</c> and <c>create -f FILE</c>. Everything that can be checked is checked before the first
/// write, each failure one message and nothing created: locally first (<see cref="Plan"/>: the name in every system it
/// becomes a name in, the flags, labels and annotations), then against the API with <see cref="ClusterSpecCheck"/> (the
/// template, the credential and its fit to the template's cloud, the required config keys, the template's values
/// schema), and a server-side dry run (CRD schema, webhooks, name taken). Only then the create, stamped with provenance, as a <see cref="RecordedChange"/>: recorded as
/// <c>cluster_created</c>, and any failure after the local checks as <c>cluster_create_failed</c>. With
/// <see cref="CreateRequest.Wait"/>, it then waits until the new cluster is Ready, trusting only a Ready newer than the create.
/// </summary>
public sealed partial class CreateClusterService(Session session)
{
    private const string Action = "create";

    public async Task<CreateResult> CreateAsync(CreateRequest request, IChangeObserver<CreateResult>? observer, CancellationToken cancellationToken)
    {
        var draft = Plan(request, () => session.OneNamespace("create"), session.Options.ExplicitNamespace is not null);
        CreateResult result;
        if (request.ServerDryRun)
        {
            (result, _) = await CheckAsync(request, draft, null, cancellationToken);
        }
        else
        {
            var recorder = session.Recorder(request.Reason);
            var target = new RecordedChange.Target(draft.Namespace, draft.Name, HistoryActions.ClusterCreateFailed, planned: true)
            {
                FailureParameters = draft.Parameters(request, null, null, null),
            };
            result = await RecordedChange.RunAsync(recorder, target, _ => CreateCheckedAsync(request, draft, recorder.Operation, cancellationToken), cancellationToken);
        }

        observer?.OnChanged(result);
        if (request.Wait is { } timeout && !result.ServerDryRun)
        {
            var wait = new WaitRequest(result.Namespace, result.Name, WaitGoal.Ready, timeout, session.Recorder().Operation.StartedAt, result.Uid);
            await new WaitService(session).WaitAsync(wait, observer, cancellationToken);
        }

        return result;
    }

    /// <summary>The checks against the API, ending with the server-side dry run: the result of a dry run create, and the cloud.</summary>
    private async Task<(CreateResult Result, CloudProvider? Provider)> CheckAsync(CreateRequest request, Draft draft, OperationContext? operation, CancellationToken cancellationToken)
    {
        var api = session.Api;
        var spec = new SpecToCheck(draft.Namespace, draft.Name, draft.Provider, draft.Template, draft.Credential);
        var (template, credential, provider, manifest) = await new ClusterSpecCheck(api).CheckAsync(spec, draft.Build, cancellationToken);
        ProvenanceAnnotations.Stamp(manifest, operation ?? session.Recorder(request.Reason).Operation, Action);
        var checkedObject = await api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, manifest, serverDryRun: true, cancellationToken);
        return (new CreateResult(draft.Namespace, draft.Name, manifest, checkedObject, request.ServerDryRun,
            template.Name, draft.Template is null, credential.Name, draft.Credential is null, null), provider);
    }

    private async Task<(CreateResult, OperationRecord?)> CreateCheckedAsync(CreateRequest request, Draft draft, OperationContext operation, CancellationToken cancellationToken)
    {
        var (result, provider) = await CheckAsync(request, draft, operation, cancellationToken);
        var created = await session.Api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, result.Manifest, serverDryRun: false, cancellationToken);
        var uid = JsonPath.Find(created, "metadata", "uid")?.GetString();
        var parameters = SpecSnapshot.AddTo(draft.Parameters(request, result.Manifest, result.Template, result.Credential, provider?.Name), ClusterDeploymentReader.Read(created));
        var record = new OperationRecord(HistoryActions.ClusterCreated, uid, parameters, $"created from template {result.Template} with credential {result.Credential}");
        return (result with { ServerObject = created, Uid = uid }, record);
    }
}
