using System.CommandLine;
using Childctl.Core.ClusterDeployments;

namespace Childctl.Cli.Commands;

/// <summary>The options of <c>delete</c>.</summary>
internal sealed class DeleteOptions
{
    public Option<string?> Selector { get; } = new("--selector", "-l") { Description = "Label selector, as in kubectl" };

    public Option<string?> Provider { get; } = new("--provider") { Description = $"Only clusters on this cloud ({string.Join(", ", Providers.Known)})" };

    public Option<string?> Region { get; } = new("--region") { Description = "Only clusters in this cloud region (spec.config location/region)" };

    public Option<string?> Phase { get; } = new("--phase") { Description = "Only clusters in this phase (Provisioning, Ready, Failed, Deleting, DryRun)" };

    public Option<bool> All { get; } = new("--all") { Description = "Every cluster in the namespace (or all namespaces with -A)" };

    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Do not ask for confirmation" };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show the plan and stop" };

    public Option<bool> Wait { get; } = LifecycleOptions.Wait("the deleted clusters are gone");

    public Option<TimeSpan?> Timeout { get; } = LifecycleOptions.Timeout();

    public Option<string?> Reason { get; } = LifecycleOptions.Reason();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Selector, Provider, Region, Phase, All, Yes, DryRun, Wait, Timeout, Reason })
        {
            command.Options.Add(option);
        }
    }
}
