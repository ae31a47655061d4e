using System.Text.Json;
using Childctl.Cli.Commands;
using Childctl.Core.Api;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Output;

/// <summary>
/// The person's side of <c>create -f</c> of several objects, as <see cref="UpgradeBatchView"/> is for upgrade: each object
/// that failed the checks on stderr, the plan on stderr with its table on stdout (NAMESPACE, NAME, TEMPLATE, CREDENTIAL,
/// SOURCE), the question on stderr and the answer from stdin, one stdout line per create (<c>-o json|yaml</c>: the created
/// objects as a List, <c>-o name</c> their names, and a failure on stderr), then (with --wait) the wait as <see cref="BatchWaitView"/> shows it, and
/// a summary line on stderr. A dry run prints every manifest: YAML documents separated by <c>---</c>, or as <c>-o</c> asks.
/// </summary>
internal sealed class CreateBatchView(Invocation inv) : BatchWaitView(inv), ICreateBatchInteraction
{
    private readonly List<JsonElement> _created = [];

    public bool CanAsk => Inv.Host.StdinIsTerminal;

    public void OnRefused(string source, string problem) => Inv.Err.WriteLine($"{source}: {problem}");

    public void OnPlan(IReadOnlyList<CreatePlanItem> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Inv.Err.WriteLine($"Plan: create {plan.Count} cluster(s), every one checked:");
        if (OutputOption.IsObjects(Inv.Output))
        {
            return;
        }

        var table = new TableWriter("NAMESPACE", "NAME", "TEMPLATE", "CREDENTIAL", "SOURCE");
        foreach (var item in plan)
        {
            table.AddRow(item.Namespace, item.Name, item.Template, item.Credential, item.Source);
        }

        Inv.Out.Write(table.Render(Inv.Layout));
    }

    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await Inv.Err.WriteAsync(question);
        return await Inv.Host.In.ReadLineAsync(cancellationToken);
    }

    public void OnDryRun(IReadOnlyList<CreateResult> checkedObjects)
    {
        ArgumentNullException.ThrowIfNull(checkedObjects);
        var manifests = checkedObjects.Select(c => JsonDocument.Parse(c.Manifest.ToJsonString()).RootElement).ToList();
        Inv.Out.Write(Inv.Output is OutputFormat.Table or OutputFormat.Wide
            ? string.Join("---\n", manifests.Select(YamlWriter.Object))
            : ObjectOutput.List(Inv, K0rdentKinds.ClusterDeployment.NamePrefix, JsonDocument.Parse(JsonOutput.List(manifests)).RootElement));
        Inv.Err.WriteLine($"Server-side dry run passed for all {checkedObjects.Count}; nothing was created.");
    }

    public void OnResult(CreateItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = $"{ObjectName.Of(result.Item.Name)} ({result.Item.Namespace})";
        if (result.Failed)
        {
            (OutputOption.IsObjects(Inv.Output) ? Inv.Err : Inv.Out).WriteLine($"{target} not created: {result.Failure}");
        }
        else if (OutputOption.IsObjects(Inv.Output))
        {
            _created.Add(result.Created!.ServerObject);
        }
        else
        {
            Inv.Out.WriteLine($"{target} created");
        }
    }

    public void OnCreateSummary(CreateBatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (OutputOption.IsObjects(Inv.Output) && _created.Count > 0)
        {
            Inv.Out.Write(ObjectOutput.List(Inv, K0rdentKinds.ClusterDeployment.NamePrefix, JsonDocument.Parse(JsonOutput.List(_created)).RootElement));
        }

        var failed = summary.Results.Count(r => r.Failed);
        Inv.Err.WriteLine($"Created {summary.Results.Count - failed} of {summary.Plan.Count} cluster(s)" + (failed > 0 ? $", {failed} failed." : "."));
    }
}
