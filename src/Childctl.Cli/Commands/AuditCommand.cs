using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Cli.Output.Audit;
using Childctl.Core.Operations.Audit;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl audit [-n NS | -A] [--record]</c>: compares every live ClusterDeployment and every history file in scope,
/// by uid, and says which clusters were created, recreated, changed, are being deleted or were deleted outside what
/// history records. Exit 0 when all are in step, 9 when there are findings, 5 when the API cannot be reached (it never
/// judges from history alone). --record appends each finding once as observed history; it refuses (exit 2) findings
/// whose history was recorded against another API server unless --accept-server-change is given.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliRun run)
    {
        var record = new Option<bool>("--record") { Description = "Append each finding to local history as an observed_* event (once: running again records nothing new)" };
        var acceptServerChange = new Option<bool>("--accept-server-change")
        {
            Description = "With --record: record findings even about clusters whose history was recorded against another API server URL (only if this is the same management cluster at a new address)",
        };
        var command = new Command("audit", "Compare live clusters with local history: created, recreated, changed, deleting or deleted elsewhere (exit 9 when any)")
        {
            record,
            acceptServerChange,
        }.Prints(OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        command.Validators.Add(result =>
        {
            if (result.GetValue(acceptServerChange) && !result.GetValue(record))
            {
                result.AddError("--accept-server-change only matters with --record: add --record, or leave it out");
            }
        });
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var report = await new AuditService(inv.Session).AuditAsync(new AuditRequest(inv.Get(record), inv.Get(acceptServerChange)), ct);
            foreach (var line in AuditRenderer.Narration(report))
            {
                await inv.Err.WriteLineAsync(line);
            }

            if (report.Findings.Count > 0 || inv.Output is not (OutputFormat.Table or OutputFormat.Wide))
            {
                await inv.Out.WriteAsync(AuditRenderer.Render(report, inv.Output, inv.UseColor));
            }

            return report.InStep ? ExitCodes.Success : ExitCodes.AuditFindings;
        });
        return command;
    }
}
