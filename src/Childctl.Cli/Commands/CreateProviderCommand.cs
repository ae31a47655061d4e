using System.CommandLine;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl create azure|aws|gcp NAME</c>: the flags of one cloud's create-*-child.sh script.</summary>
internal static class CreateProviderCommand
{
    public static Command Create(CliSession session, CloudProvider provider)
    {
        var name = new Argument<string>("name") { Description = "The cluster's name (also its Helm release and cloud resource names)" };
        var command = new Command(provider.Name, $"Create a child cluster on {provider.Name} (a {provider.ChartFamily} template)") { name };
        var options = new CreateOptions();
        options.AddTo(command, includeShape: true, provider.Name);
        CliContext.Bind(command, session, (context, ct) =>
        {
            var p = context.Parse;
            var shape = new ClusterShape
            {
                Location = p.GetValue(options.Location),
                SubscriptionId = p.GetValue(options.SubscriptionId),
                Region = p.GetValue(options.Region),
                Project = p.GetValue(options.Project),
                ControlPlaneInstanceSize = p.GetValue(options.CpInstanceSize),
                WorkerInstanceSize = p.GetValue(options.WorkerInstanceSize),
                ControlPlaneNumber = p.GetValue(options.CpNumber),
                WorkerNumber = p.GetValue(options.WorkerNumber),
                RootVolumeSize = p.GetValue(options.RootVolumeSize),
            };
            return CreateRunner.FromFlagsAsync(context, options, provider, p.GetValue(name)!, shape, ct);
        });
        return command;
    }
}
