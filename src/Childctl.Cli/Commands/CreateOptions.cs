using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary>The options of <c>create</c>, built once per command so each subcommand owns its instances.</summary>
internal sealed class CreateOptions
{
    public Option<string?> Template { get; } = new("--template") { Description = "ClusterTemplate (default: the newest valid one for the cloud in the namespace)" };

    public Option<string?> Credential { get; } = new("--credential") { Description = "Credential (default: the one ready Credential for the cloud)" };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the manifest and run a server-side dry run (dryRun=All); create nothing" };

    public Option<bool> K0rdentDryRun { get; } = new("--k0rdent-dry-run") { Description = "Set spec.dryRun: k0rdent validates the cluster but deploys nothing" };

    public Option<bool> Wait { get; } = LifecycleOptions.Wait("the cluster is Ready");

    public Option<TimeSpan?> Timeout { get; } = LifecycleOptions.Timeout();

    public Option<string?> Reason { get; } = LifecycleOptions.Reason();

    public Option<string?> Location { get; } = new("--location") { Description = "Azure location, e.g. eastus (required)" };

    public Option<string?> SubscriptionId { get; } = new("--subscription-id") { Description = "Azure subscription id (required)" };

    public Option<string?> Region { get; } = new("--region") { Description = "Cloud region, e.g. us-west-2 (required)" };

    public Option<string?> Project { get; } = new("--project") { Description = "GCP project id (required)" };

    public Option<string?> CpInstanceSize { get; } = new("--cp-instance-size") { Description = "Control plane machine size (default per cloud)" };

    public Option<string?> WorkerInstanceSize { get; } = new("--worker-instance-size") { Description = "Worker machine size (default per cloud)" };

    public Option<int?> CpNumber { get; } = LifecycleOptions.Count("--cp-number", "Control plane nodes (default 3)");

    public Option<int?> WorkerNumber { get; } = LifecycleOptions.Count("--worker-number", "Worker nodes (default 2)");

    public Option<int?> RootVolumeSize { get; } = LifecycleOptions.Count("--root-volume-size", "Root volume size in GB (default: the template's)");

    public Option<string?> ClusterLabels { get; } = new("--cluster-labels") { Description = "Labels on the ClusterDeployment (k0rdent copies them to the cluster): k=v,k2=v2" };

    public Option<string?> ClusterAnnotations { get; } = new("--cluster-annotations") { Description = "Annotations on the ClusterDeployment: k=v,k2=v2" };

    public void AddTo(Command command, bool includeShape, string? provider = null)
    {
        foreach (var option in new Option[] { Template, Credential, DryRun, K0rdentDryRun, Wait, Timeout, Reason })
        {
            command.Options.Add(option);
        }

        if (!includeShape)
        {
            return;
        }

        var location = provider == "azure" ? new Option[] { Location, SubscriptionId } : provider == "gcp" ? [Region, Project] : [Region];
        foreach (var option in location.Concat([CpInstanceSize, WorkerInstanceSize, CpNumber, WorkerNumber, RootVolumeSize, ClusterLabels, ClusterAnnotations]))
        {
            command.Options.Add(option);
        }
    }
}
