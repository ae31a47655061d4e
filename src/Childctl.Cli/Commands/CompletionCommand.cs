using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl completion bash|zsh|fish</c>: prints a script that asks childctl itself for completions
/// through System.CommandLine's <c>[suggest:N]</c> directive, so the scripts never go stale.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # childctl bash completion. Load with: source <(childctl completion bash)
        _childctl_complete() {
            local IFS=$'\n'
            local line="${COMP_LINE:0:COMP_POINT}"
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)
            COMPREPLY=($(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _childctl_complete childctl
        """;

    private const string Zsh = """
        #compdef childctl
        # childctl zsh completion. Load with: source <(childctl completion zsh), or save it as _childctl in a folder
        # of $fpath (childctl install does) so that compinit loads it.
        _childctl_complete() {
            local line="$BUFFER"
            local -a candidates
            candidates=("${(@f)$(${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -- $candidates
        }
        if [ "${funcstack[1]}" = "_childctl" ]; then
            _childctl_complete "$@"
        else
            compdef _childctl_complete childctl
        fi
        """;

    private const string Fish = """
        # childctl fish completion. Load with: childctl completion fish | source
        function __childctl_complete
            set -l line (commandline -cp)
            childctl "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c childctl -f -a '(__childctl_complete)'
        """;

    public static Command Create(CliRun run)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command("completion", "Print a shell completion script (bash, zsh or fish)") { shell };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            await inv.Host.Out.WriteLineAsync(Script(inv.Get(shell)).AsMemory(), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/> (bash, zsh or fish), as printed and as installed.</summary>
    public static string Script(string shell) => shell switch
    {
        "zsh" => Zsh,
        "fish" => Fish,
        _ => Bash,
    };
}
