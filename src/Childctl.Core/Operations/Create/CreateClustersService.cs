using Childctl.Core.Errors;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// <c>create -f</c> of several objects, as one plan: every object is checked first, locally and by the pre-flight of a single
/// create (<see cref="CreateClusterService.CheckAsync"/>: <see cref="Preflight.ClusterSpecCheck"/> and a server-side dry
/// run), and if any fails nothing is created and each problem is told with where its object was read. A name given twice
/// is refused the same way. A dry run stops after the checks with the manifests. Otherwise more than one object is
/// confirmed (<c>--yes</c>; on a terminal the count is typed; without one, refuse), then each is created through the one
/// single-create path (<see cref="CreateClusterService.CreateAsync"/>: intent first, recorded in its own cluster's
/// history, all under one operation id) with bounded parallelism, told in plan order; <c>--wait</c> then follows all
/// the created clusters at once (<see cref="BatchWaitService"/>).
/// </summary>
public sealed class CreateClustersService(Session session)
{
    /// <summary>How many creates are in flight at once.</summary>
    public int Parallelism { get; init; } = 8;

    public async Task<CreateBatchSummary> RunAsync(CreateBatchRequest request, ICreateBatchInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interaction);
        var checkedObjects = await CheckAllAsync(request, interaction, cancellationToken);
        var plan = checkedObjects.Select(c => new CreatePlanItem(c.Result.Namespace, c.Result.Name, c.Result.Template, c.Result.Credential, c.Source)).ToList();
        interaction.OnPlan(plan);
        if (request.Options.ServerDryRun)
        {
            interaction.OnDryRun(checkedObjects.Select(c => c.Result).ToList());
            return new CreateBatchSummary(plan, [], null);
        }

        if (plan.Count > 1 && !request.Yes)
        {
            await Confirmation.AskAsync("Create", plan.Count, interaction.CanAsk, interaction.AskAsync, cancellationToken);
        }

        _ = session.Recorder(request.Options.Reason); // one operation, with its reason, before the creates start in parallel
        var results = await ExecuteAsync(request, plan, interaction, cancellationToken);
        BatchWaitSummary? waited = null;
        if (request.Options.Wait is { } timeout && results.Any(r => !r.Failed))
        {
            var since = session.Recorder().Operation.StartedAt;
            var created = results.Where(r => !r.Failed).ToList();
            var targets = created.Select(r => new WaitTarget(r.Item.Namespace, r.Item.Name, r.Created!.Uid!, null, since)).ToList();
            var namespaces = created.Select(r => r.Item.Namespace).Distinct(StringComparer.Ordinal).ToList();
            var scope = new WaitScope(namespaces.Count == 1 ? namespaces[0] : null, null, $"{created.Count} created cluster(s)");
            waited = await new BatchWaitService(session).WaitAllAsync(targets, WaitGoal.Ready, timeout, scope, [], interaction, cancellationToken);
        }

        var summary = new CreateBatchSummary(plan, results, waited);
        interaction.OnCreateSummary(summary);
        return summary;
    }

    /// <summary>Every object through the local checks and the pre-flight; any failure ends the batch before anything is created.</summary>
    private async Task<List<(CreateResult Result, string Source)>> CheckAllAsync(CreateBatchRequest request, ICreateBatchInteraction interaction, CancellationToken cancellationToken)
    {
        var single = new CreateClusterService(session);
        var passed = new List<(CreateResult, string)>();
        var refused = new List<ChildctlException>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (manifest, source) in request.Manifests)
        {
            try
            {
                var one = request.Options with { Manifest = manifest, Source = source, ServerDryRun = true, Wait = null };
                var draft = CreateClusterService.Plan(one, () => session.OneNamespace("create"), session.Options.ExplicitNamespace is not null);
                if (!seen.TryAdd($"{draft.Namespace}/{draft.Name}", source))
                {
                    throw ChildctlException.InvalidInput($"ClusterDeployment \"{draft.Name}\" in namespace \"{draft.Namespace}\" is also in {seen[$"{draft.Namespace}/{draft.Name}"]}");
                }

                passed.Add(((await single.CheckAsync(one, draft, null, cancellationToken)).Result, source));
            }
            catch (ChildctlException e) when (e.Kind is not (ErrorKind.Unreachable or ErrorKind.PermissionDenied))
            {
                interaction.OnRefused(source, e.Message);
                refused.Add(e);
            }
        }

        if (refused.Count > 0)
        {
            var kinds = refused.Select(e => e.Kind).Distinct().ToList();
            throw new ChildctlException(kinds.Count == 1 ? kinds[0] : ErrorKind.InvalidInput,
                $"{refused.Count} of {request.Manifests.Count} object(s) did not pass the checks; nothing was created");
        }

        return passed;
    }

    private async Task<List<CreateItemResult>> ExecuteAsync(CreateBatchRequest request, List<CreatePlanItem> plan, ICreateBatchInteraction interaction, CancellationToken cancellationToken)
    {
        var results = new CreateItemResult[plan.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), options, async (index, ct) =>
        {
            var (manifest, source) = request.Manifests[index];
            var one = request.Options with { Manifest = manifest, Source = source, Wait = null };
            try
            {
                results[index] = new CreateItemResult(plan[index], await new CreateClusterService(session).CreateAsync(one, null, ct));
            }
            catch (ChildctlException e)
            {
                results[index] = new CreateItemResult(plan[index], null, e.Message, e.Kind);
            }
        });

        foreach (var result in results)
        {
            interaction.OnResult(result);
        }

        return [.. results];
    }
}
