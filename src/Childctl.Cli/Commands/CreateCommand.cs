using System.CommandLine;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl create azure|aws|gcp NAME ...</c> and <c>childctl create -f FILE</c>: one subcommand per cloud with the
/// flags of the old create-*-child.sh scripts. Everything is checked before anything is written.
/// </summary>
internal static class CreateCommand
{
    public static Command Create(CliSession session)
    {
        var file = new Option<string?>("--filename", "-f") { Description = "Create the ClusterDeployment in this YAML or JSON file ('-' for stdin)" };
        var command = new Command("create", "Create a child cluster from flags (create azure|aws|gcp NAME) or from a file (-f)") { file };
        var common = new CreateOptions();
        common.AddTo(command, includeShape: false);
        foreach (var provider in CloudProvider.All)
        {
            command.Subcommands.Add(CreateProviderCommand.Create(session, provider));
        }

        CliContext.Bind(command, session, (context, ct) =>
        {
            var path = context.Parse.GetValue(file);
            if (path is null)
            {
                throw Core.Errors.ChildctlException.InvalidInput("name a cloud (childctl create azure|aws|gcp NAME ...) or give a file with -f FILE");
            }

            return CreateRunner.FromFileAsync(context, common, path, ct);
        });
        return command;
    }
}
