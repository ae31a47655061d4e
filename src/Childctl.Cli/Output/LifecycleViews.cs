using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Create;
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

    /// <summary>kubectl's name for a ClusterDeployment in messages and <c>-o name</c>.</summary>
    public static string ObjectName(string name) => $"{K0rdentKinds.ClusterDeployment.NamePrefix}/{name}";

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
        inv.Out.WriteLine($"{ObjectName(outcome.Request.Name)} {what} (waited {DurationText.Format(outcome.Elapsed)})");
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
        else if (ObjectOutput.Handles(_inv.Output))
        {
            _inv.Out.Write(ObjectOutput.One(_inv, prefix, result.ServerObject));
        }
        else
        {
            _inv.Out.WriteLine($"{ObjectName(result.Name)} created");
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
        var name = ObjectName(result.Cluster.Name);
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
        _inv.Out.WriteLine($"{ObjectName(result.Cluster.Name)} upgraded ({result.From} → {result.To})");
    }
}
