using System.CommandLine;
using System.CommandLine.Parsing;
using Childctl.History.Naming;

namespace Childctl.Cli.Commands;

/// <summary>
/// The NAME argument of the commands that work on existing clusters, checked while parsing: a name that cannot be a
/// ClusterDeployment's (a Kubernetes DNS subdomain) is bad input, exit 2 before any API call or file path is made
/// from it. <c>create</c> applies stricter rules of its own (the name also becomes a Helm release and cloud resources).
/// </summary>
internal static class ClusterNameArgument
{
    private const string Description = "The ClusterDeployment's name";

    public static Argument<string> One(string description = Description)
    {
        var argument = new Argument<string>("name") { Description = description };
        argument.Validators.Add(Check);
        return argument;
    }

    public static Argument<string?> Optional(string description)
    {
        var argument = new Argument<string?>("name") { Description = description, Arity = ArgumentArity.ZeroOrOne };
        argument.Validators.Add(Check);
        return argument;
    }

    public static Argument<string[]> Many(string description)
    {
        var argument = new Argument<string[]>("name") { Description = description, Arity = ArgumentArity.ZeroOrMore };
        argument.Validators.Add(Check);
        return argument;
    }

    private static void Check(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (KubernetesNames.ClusterNameProblem(token.Value) is { } problem)
            {
                result.AddError(problem);
                return;
            }
        }
    }
}
