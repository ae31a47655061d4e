using System.Buffers;
using System.Text.Json;
using Childctl.Cli.Commands;
using Childctl.Core.Api;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Create;
using Childctl.Core.Operations.Delete;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// How every wait is shown, <c>wait</c> and each <c>--wait</c> alike: what is awaited (unless the live checklist says it),
/// the progress (<see cref="WaitProgressView"/>) on stderr, and the outcome line on stdout.
/// </summary>
internal class WaitView(Invocation inv) : IWaitObserver
{
    private WaitProgressView? _progress;

    public void OnWaiting(WaitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _progress = new WaitProgressView(inv.Err, inv.UseLiveProgress, $"{request.Namespace}/{request.Name}", inv.Host.StderrWidth);
        if (!inv.UseLiveProgress)
        {
            var goal = request.Goal == WaitGoal.Ready ? "Ready" : "deleted";
            inv.Err.WriteLine($"Waiting up to {DurationText.Format(request.Timeout)} for {request.Namespace}/{request.Name} to be {goal}...");
        }
    }

    public void OnUpdate(WaitSnapshot snapshot) => _progress?.OnUpdate(snapshot);

    public void OnWaited(WaitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var what = outcome.State switch
        {
            WaitState.Ready => "ready",
            WaitState.DryRun => "validated as a dry run: nothing deployed, and it never becomes Ready",
            _ => "deleted",
        };
        inv.Out.WriteLine($"{ObjectName.Of(outcome.Request.Name)} {what} (waited {DurationText.Format(outcome.Elapsed)})");
    }
}

/// <summary>
/// <c>create</c>: the template and credential chosen on stderr; for a dry run the manifest (YAML, or JSON/name with
/// <c>-o</c>) and a note that nothing was created; else the created object's name, or the object with <c>-o json|yaml|name</c>.
/// </summary>
internal sealed class CreateView(Invocation inv) : WaitView(inv), IChangeObserver<CreateResult>
{
    private readonly Invocation _inv = inv;

    public void OnChanged(CreateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var template = result.TemplateDefaulted ? $"{result.Template} (newest valid)" : result.Template;
        var credential = result.CredentialDefaulted ? $"{result.Credential} (the ready one)" : result.Credential;
        _inv.Err.WriteLine($"Template {template}, credential {credential}, namespace {result.Namespace}.");
        var prefix = K0rdentKinds.ClusterDeployment.NamePrefix;
        if (result.ServerDryRun)
        {
            var manifest = JsonDocument.Parse(result.Manifest.ToJsonString()).RootElement;
            _inv.Out.Write(ObjectOutput.One(_inv.Output is OutputFormat.Table or OutputFormat.Wide ? OutputFormat.Yaml : _inv.Output, prefix, manifest, _inv.OutputTemplate, _inv.Layout));
            _inv.Err.WriteLine("Server-side dry run passed; nothing was created.");
        }
        else if (OutputOption.IsObjects(_inv.Output))
        {
            _inv.Out.Write(ObjectOutput.One(_inv, prefix, result.ServerObject));
        }
        else
        {
            _inv.Out.WriteLine($"{ObjectName.Of(result.Name)} created");
        }
    }
}

/// <summary><c>scale</c>: the counts before and after, or that nothing changed.</summary>
internal sealed class ScaleView(Invocation inv) : WaitView(inv), IChangeObserver<ScaleResult>
{
    private readonly Invocation _inv = inv;

    public void OnChanged(ScaleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = ObjectName.Of(result.Cluster.Name);
        _inv.Out.WriteLine(result.Changed
            ? $"{name} scaled (workers {ScaleService.Text(result.WorkersBefore)} → {ScaleService.Text(result.WorkersAfter)}, " +
              $"control planes {ScaleService.Text(result.ControlPlanesBefore)} → {ScaleService.Text(result.ControlPlanesAfter)})"
            : $"{name} unchanged (already workers {ScaleService.Text(result.WorkersAfter)}, control planes {ScaleService.Text(result.ControlPlanesAfter)})");
    }
}

/// <summary><c>upgrade --to</c>: the template before and after.</summary>
internal sealed class UpgradeView(Invocation inv) : WaitView(inv), IChangeObserver<UpgradeResult>
{
    private readonly Invocation _inv = inv;

    public void OnChanged(UpgradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _inv.Out.WriteLine($"{ObjectName.Of(result.Cluster.Name)} upgraded ({result.From} → {result.To})");
    }
}

/// <summary>
/// The person's side of a delete: the plan on stderr (names not found, the selection) with its table on stdout
/// (NAMESPACE, NAME, UID, PHASE, PROVIDER, REGION, AGE; PHASE coloured as in <c>list</c>), the question on stderr and the
/// answer from stdin, one stdout line per cluster with its result (the data a script checks), and on stderr the progress
/// of <c>--wait</c> as clusters go. A <c>--dry-run</c> with <c>-o json|yaml|name|jsonpath=|custom-columns=</c> prints the
/// plan as a List instead of the table (<see cref="PlanList"/>), so a script can review it.
/// </summary>
internal sealed class DeleteView(Invocation inv) : IDeleteInteraction
{
    public bool CanAsk => inv.Host.StdinIsTerminal;

    public void OnPlan(DeletePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var missing in plan.MissingNames)
        {
            inv.Err.WriteLine($"ClusterDeployment \"{missing}\" not found in namespace \"{plan.Selection.Namespace}\"; skipped.");
        }

        if (OutputOption.IsObjects(inv.Output))
        {
            inv.Out.Write(ObjectOutput.List(inv, K0rdentKinds.ClusterDeployment.NamePrefix, PlanList(plan)));
        }

        if (plan.IsEmpty)
        {
            inv.Err.WriteLine($"No clusters match {plan.Selection.Describe()}; nothing to delete.");
            return;
        }

        inv.Err.WriteLine($"Plan: delete {plan.Items.Count} cluster(s) ({plan.Selection.Describe()}):");
        if (!OutputOption.IsObjects(inv.Output))
        {
            inv.Out.Write(Table(plan, inv.Now, inv.UseColor));
        }
    }

    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await inv.Err.WriteAsync(question);
        return await inv.Host.In.ReadLineAsync(cancellationToken);
    }

    public void OnStoppedAfterPlan(DeletePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsEmpty)
        {
            inv.Err.WriteLine("Dry run: nothing was deleted.");
        }
    }

    public void OnResult(DeleteItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = $"{ObjectName.Of(result.Item.Name)} ({result.Item.Namespace})";
        inv.Out.WriteLine(result.Outcome switch
        {
            DeleteOutcome.Deleted => result.Message is { } m && m != "deletion accepted" ? $"{target} deleted ({m})" : $"{target} deleted",
            DeleteOutcome.Unknown => $"{target} outcome unknown: {result.Message}",
            DeleteOutcome.AlreadyGone => $"{target} already gone",
            DeleteOutcome.AlreadyDeleting => $"{target} {result.Message}",
            _ => $"{target} not deleted: {result.Message}",
        });
    }

    public void OnGone(DeletePlanItem item, int goneCount, int total)
    {
        ArgumentNullException.ThrowIfNull(item);
        inv.Err.WriteLine($"[{goneCount}/{total}] {item.Namespace}/{item.Name} is gone");
    }

    public void OnAllGone(int count) => inv.Err.WriteLine($"All {count} deleted cluster(s) are gone.");

    /// <summary>Says which contexts that <c>kubeconfig --merge</c> added still point at a cluster that was deleted.</summary>
    public void OnSummary(DeleteSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var context in summary.MergedContexts)
        {
            inv.Err.WriteLine($"note: kubeconfig context \"{context.Name}\" in {context.File} points at the deleted cluster {context.ClusterName}; " +
                $"remove it with: childctl kubeconfig {context.ClusterName} --forget");
        }
    }

    internal static string Table(DeletePlan plan, DateTimeOffset now, bool color = false)
    {
        var table = new TableWriter("NAMESPACE", "NAME", "UID", "PHASE", "PROVIDER", "REGION", "AGE");
        var phase = table.ColumnOf("PHASE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[phase]));
        foreach (var item in plan.Items)
        {
            table.AddRow(item.Namespace, item.Name, item.Uid, item.Phase, item.Provider ?? "<unknown>", item.Region ?? "<none>", DurationText.Since(item.CreationTimestamp, now));
        }

        return table.Render(color);
    }

    /// <summary>
    /// The plan as <c>-o json</c> prints it: a List of the planned ClusterDeployments as the plan saw them (metadata with
    /// the uid and resourceVersion the DELETE will require, and the <c>childctl</c> block with phase, provider and region,
    /// the paths <c>list -o json</c> has), and the List's own <c>childctl</c> block: the selection and the names not found.
    /// </summary>
    internal static JsonElement PlanList(DeletePlan plan)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", "v1");
            w.WriteStartArray("items");
            foreach (var item in plan.Items)
            {
                WriteItem(w, item);
            }

            w.WriteEndArray();
            w.WriteString("kind", "List");
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", string.Empty);
            w.WriteEndObject();
            w.WriteStartObject(ObjectOutput.DerivedBlock);
            w.WriteString("plan", "delete");
            w.WriteString("selection", plan.Selection.Describe());
            w.WriteStartArray("notFound");
            plan.MissingNames.ToList().ForEach(w.WriteStringValue);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    private static void WriteItem(Utf8JsonWriter w, DeletePlanItem item)
    {
        w.WriteStartObject();
        w.WriteString("apiVersion", $"{K0rdentKinds.Group}/{K0rdentKinds.Version}");
        w.WriteString("kind", K0rdentKinds.ClusterDeployment.Kind);
        w.WriteStartObject("metadata");
        w.WriteString("name", item.Name);
        w.WriteString("namespace", item.Namespace);
        w.WriteString("uid", item.Uid);
        w.WriteString("resourceVersion", item.ResourceVersion);
        w.WriteNumber("generation", item.Generation);
        if (item.CreationTimestamp is { } created)
        {
            w.WriteString("creationTimestamp", created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        w.WriteStartObject("labels");
        foreach (var (key, value) in item.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject(ObjectOutput.DerivedBlock);
        w.WriteString("phase", item.Phase);
        w.WriteString("provider", item.Provider);
        w.WriteString("region", item.Region);
        if (item.DeletionRequestedAt is { } requested)
        {
            w.WriteString("deletionRequestedAt", requested.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
