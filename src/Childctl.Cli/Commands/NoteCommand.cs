using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Cli.Output.History;
using Childctl.Core.History;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl note NAME "text" [--reason ...]</c>: appends an operator note to the cluster's local history.
/// Works offline; records the uid when the API can tell it, and says so when it cannot.
/// </summary>
internal static class NoteCommand
{
    public static Command Create(CliRun run)
    {
        var name = new Argument<string>("name") { Description = "Cluster name", CustomParser = r => ObjectName.Strip(r.Tokens[0].Value) };
        var text = new Argument<string>("text") { Description = "The note" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the note)" };
        var force = new Option<bool>("--force") { Description = "Note a name the API says does not exist and history has never seen" };
        var command = new Command("note", "Add an operator note to a cluster's local history (works offline)") { name, text, reason, force }
            .Prints(OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var result = await new NoteService(inv.Session).AddAsync(new NoteRequest(inv.Get(name), inv.Get(text), inv.Get(reason), inv.Get(force)), ct);
            if (result.RepairedTail is { } torn)
            {
                await inv.Err.WriteLineAsync(HistoryRenderer.Warning(torn));
            }

            if (result.UidFromHistory)
            {
                await inv.Err.WriteLineAsync($"note joined uid {result.Event.Uid}, the only incarnation history knows for this name (the API could not tell: {result.UidUnknownReason})");
            }
            else if (result.UidUnknownReason is not null)
            {
                await inv.Err.WriteLineAsync($"note recorded without a uid: {result.UidUnknownReason}");
            }

            await inv.Out.WriteAsync(inv.Output switch
            {
                OutputFormat.Json => HistoryJson.Event(result.Event) + "\n",
                OutputFormat.Yaml => result.Event.ToYaml(itemIndent: 0),
                OutputFormat.Name => $"{result.Namespace}/{result.Name}\n",
                _ => $"note added to {result.Namespace}/{result.Name} ({result.Location})\n",
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
