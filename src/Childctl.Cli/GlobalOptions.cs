using System.CommandLine;
using Childctl.Core.ClusterDeployments;

namespace Childctl.Cli;

/// <summary>
/// The options every command accepts (DESIGN.md "Global options"), defined once. <c>-o</c> is not among them: each
/// command offers it with the formats it prints (<see cref="Output.OutputOption"/>).
/// </summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig (else $KUBECONFIG, else ~/.kube/config)",
        Recursive = true,
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "Kubeconfig context of the management cluster (else the current context)",
        Recursive = true,
    };

    public static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "Namespace (else the context's namespace, else kcm-system)",
        Recursive = true,
    };

    public static readonly Option<bool> AllNamespaces = new("--all-namespaces", "-A")
    {
        Description = "Act on all namespaces",
        Recursive = true,
    };

    static GlobalOptions()
    {
        // A namespace that cannot exist is bad input for every command alike, not "no clusters found".
        Namespace.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ClusterNameRules.NamespaceProblem(result.Tokens[0].Value) is { } problem)
            {
                result.AddError(problem);
            }
        });
    }

    public static readonly Option<string?> HistoryDir = new("--history-dir")
    {
        Description = "Where local history lives (else $CHILDCTL_HISTORY_DIR, else $XDG_STATE_HOME/childctl/history)",
        Recursive = true,
    };

    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "No colour or spinners (also when NO_COLOR is set)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of failures, including stack traces",
        Recursive = true,
    };

    public static readonly Option<TimeSpan?> RequestTimeout = new("--request-timeout")
    {
        Description = "Time limit for each API request, e.g. 30s, 2m (default 30s)",
        Recursive = true,
        CustomParser = r => Durations.ParseOptionValue(r),
    };

    public static readonly Option<string?> As = new("--as")
    {
        Description = "Act as this user (impersonation, as kubectl's --as; overrides the kubeconfig user's as:)",
        Recursive = true,
    };

    public static readonly Option<string[]> AsGroup = new("--as-group")
    {
        Description = "Act with this group, repeatable (impersonation, as kubectl's --as-group; needs --as or as:)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> AsUid = new("--as-uid")
    {
        Description = "Act with this UID (impersonation, as kubectl's --as-uid; needs --as or as:)",
        Recursive = true,
    };

    public static IEnumerable<Option> All =>
    [Kubeconfig, Context, Namespace, AllNamespaces, HistoryDir, NoColor, Verbose, RequestTimeout, As, AsGroup, AsUid];

    /// <summary>Options that consume the next token; the prefix expander needs to skip their values.</summary>
    public static IEnumerable<string> TakingValues =>
        new Option[] { Kubeconfig, Context, Namespace, HistoryDir, RequestTimeout, As, AsGroup, AsUid }
            .SelectMany(o => o.Aliases.Append(o.Name));
}
