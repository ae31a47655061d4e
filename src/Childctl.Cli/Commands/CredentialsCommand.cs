using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl credentials</c>: the Credentials clusters can use, read live, with readiness and identity.</summary>
internal static class CredentialsCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("credentials", "List Credentials: ready, region, identity kind (wide: identity and message)");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            using var api = LiveView.Connect(context);
            var scope = LiveView.Scope(context, api);
            var credentials = await new ListCredentialsService(api).ListAsync(scope, ct);
            if (credentials.Count == 0)
            {
                await LiveView.ReportEmptyAsync(context, "credentials", scope);
            }

            if (ObjectOutput.Handles(context.Output))
            {
                await ObjectOutput.WriteListAsync(context.Host.Out, context.Output, K0rdentKinds.Credential, credentials.Select(c => c.Raw).ToList());
            }
            else if (credentials.Count > 0)
            {
                await context.Host.Out.WriteAsync(CredentialListView.Render(credentials, context.Output == OutputFormat.Wide, scope is null, context.UseColor));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
