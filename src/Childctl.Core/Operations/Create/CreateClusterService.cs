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
            var target = new RecordedChange.Target(draft.Namespace, draft.Name, ChangeActions.Create, planned: true)
            {
                FailureParameters = draft.Parameters(request, null, null, null),
            };
            result = await RecordedChange.RunAsync(session, target, change => CreateCheckedAsync(change, request, draft, recorder.Operation, cancellationToken), cancellationToken);
        }

        observer?.OnChanged(result);
        cancellationToken.ThrowIfCancellationRequested(); // a Ctrl-C during the write: it is recorded and shown, and the command stops
        if (request.Wait is { } timeout && !result.ServerDryRun)
        {
            var wait = new WaitRequest(result.Namespace, result.Name, WaitGoal.Ready, timeout, session.Recorder().Operation.StartedAt, result.Uid);
            await new WaitService(session).WaitAsync(wait, observer, cancellationToken);
        }

        return result;
    }

    /// <summary>The checks against the API, ending with the server-side dry run: the result of a dry run create, and the cloud.</summary>
    internal async Task<(CreateResult Result, CloudProvider? Provider)> CheckAsync(CreateRequest request, Draft draft, OperationContext? operation, CancellationToken cancellationToken)
    {
        var api = session.Api;
        var spec = new SpecToCheck(draft.Namespace, draft.Name, draft.Provider, draft.Template, draft.Credential);
        var (template, credential, provider, manifest) = await new ClusterSpecCheck(api).CheckAsync(spec, draft.Build, cancellationToken);
        if (operation is not null)
        {
            // A dry run records nothing, so its manifest carries no provenance: an operation id would point at history
            // that does not exist. Applied by hand, the object is someone else's create, and an audit says so.
            ProvenanceAnnotations.Stamp(manifest, operation, Action);
        }

        var checkedObject = await api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, manifest, serverDryRun: true, cancellationToken);
        return (new CreateResult(draft.Namespace, draft.Name, manifest, checkedObject, request.ServerDryRun,
            template.Name, draft.Template is null, credential.Name, draft.Credential is null, null), provider);
    }

    private async Task<(CreateResult, OperationRecord?)> CreateCheckedAsync(
        RecordedChange.Change change, CreateRequest request, Draft draft, OperationContext operation, CancellationToken cancellationToken)
    {
        var (result, provider) = await CheckAsync(request, draft, operation, cancellationToken);
        await change.IntendAsync(draft.Parameters(request, result.Manifest, result.Template, result.Credential, provider?.Name));
        var created = await change.SendAsync(ct => session.Api.CreateAsync(K0rdentKinds.ClusterDeployment, draft.Namespace, result.Manifest, serverDryRun: false, ct));
        var uid = JsonPath.Find(created, "metadata", "uid")?.GetString();
        var parameters = SpecSnapshot.AddTo(draft.Parameters(request, result.Manifest, result.Template, result.Credential, provider?.Name), ClusterDeploymentReader.Read(created));
        var record = new OperationRecord(HistoryActions.ClusterCreated, uid, parameters, $"created from template {result.Template} with credential {result.Credential}");
        return (result with { ServerObject = created, Uid = uid }, record);
    }
}
