using Childctl.Core.Text;
using System.CommandLine;
using Childctl.Cli.LocalSandbox;
using Childctl.Cli.Output;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl sandbox status</c>: whether a sandbox runs, where, and since when. Exit 0 if it runs, 3 if not.</summary>
internal static class SandboxStatusCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("status", "Show whether the sandbox is running, its URL and kubeconfig");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var state = new SandboxManager(context.Host).Running();
            List<KeyValuePair<string, object?>> fields = state is null
                ? [new("status", "not running")]
                :
                [
                    new("status", "running"),
                    new("pid", state.Pid),
                    new("url", state.BaseUri.ToString().TrimEnd('/')),
                    new("kubeconfig", state.KubeconfigPath),
                    new("started", state.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                    new("uptime", DurationText.Format(context.Host.Time.GetUtcNow() - state.StartedAt)),
                    new("log", state.Log.Length > 0 ? state.Log : null),
                ];
            await context.Host.Out.WriteLineAsync(KeyValueWriter.Render(fields, context.Output).AsMemory(), ct);
            return state is null ? ExitCodes.NotFound : ExitCodes.Success;
        });
        return command;
    }
}
