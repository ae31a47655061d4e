using System.CommandLine;
using Childctl.Cli.Install;
using Childctl.Core.Errors;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl install [--prefix DIR] [--shell bash|zsh|fish|none]</c>: copies the running NativeAOT childctl and the
/// childctl-sandbox beside it into <c>PREFIX/bin</c> (default <c>~/.local/bin</c>), links the kubectl plugin names, and
/// installs the completion script for the user's shell. From a checkout, <c>./childctl install</c> publishes the
/// NativeAOT build first and then runs this.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(CliRun run)
    {
        var prefix = new Option<string?>("--prefix") { Description = "Install into PREFIX/bin (default: ~/.local, so ~/.local/bin)" };
        var shell = new Option<string?>("--shell") { Description = "Install completion for this shell (default: the one $SHELL names; none to skip)" };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "none");
        var command = new Command("install", "Put the NativeAOT childctl and childctl-sandbox on PATH, with the kubectl plugin and shell completion")
        {
            prefix, shell,
        };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var env = inv.Host.GetEnvironmentVariable;
            if (!Installer.IsNativeBuild)
            {
                throw ChildctlException.InvalidInput(
                    "this childctl is a development (JIT) build, which cannot be installed on its own; from a checkout run './childctl install', which publishes the NativeAOT build and installs that");
            }

            var home = env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var root = inv.Get(prefix) is { Length: > 0 } p ? Path.GetFullPath(p) : Path.Combine(home, ".local");
            var source = Path.GetDirectoryName(ResolvedProcessPath())!;
            var chosenShell = Installer.ShellFrom(inv.Get(shell), env("SHELL"));
            var request = new InstallRequest(Path.Combine(root, "bin"), chosenShell, source);
            var items = Installer.Install(request, env, chosenShell is null or "none" ? "" : CompletionCommand.Script(chosenShell));
            foreach (var item in items)
            {
                await inv.Host.Out.WriteLineAsync($"installed {item.What}: {item.Path}");
            }

            await WriteHintsAsync(inv.Host.Err, request, chosenShell, env);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteHintsAsync(TextWriter err, InstallRequest request, string? shell, Func<string, string?> env)
    {
        if (!Installer.OnPath(request.BinDirectory, env("PATH")))
        {
            await err.WriteLineAsync($"note: {request.BinDirectory} is not on your PATH; add it (export PATH=\"{request.BinDirectory}:$PATH\") to run childctl and 'kubectl childctl'");
        }

        switch (shell)
        {
            case null:
                await err.WriteLineAsync("note: no completion installed: $SHELL names no shell childctl completes; pass --shell bash|zsh|fish");
                break;
            case "zsh":
                var folder = Path.GetDirectoryName(Installer.CompletionPath("zsh", env));
                await err.WriteLineAsync($"note: zsh loads completion from its fpath; if {folder} is not on it, add 'fpath=({folder} $fpath)' before compinit in ~/.zshrc");
                break;
            case "bash":
                await err.WriteLineAsync("note: bash loads the completion through the bash-completion package; 'kubectl childctl <TAB>' completes once kubectl's own completion is loaded");
                break;
        }
    }

    /// <summary>The executable's real path: when run as kubectl-childctl the process path may be the link.</summary>
    private static string ResolvedProcessPath()
    {
        var path = Environment.ProcessPath ?? throw new ChildctlException(ErrorKind.General, "cannot tell where the running childctl is");
        var info = new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }
}
