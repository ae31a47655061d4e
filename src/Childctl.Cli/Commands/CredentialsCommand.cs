using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl credentials</c>: the Credentials clusters can use, read live, with readiness and identity.</summary>
internal static class CredentialsCommand
{
    public static Command Create(CliRun run)
    {
        var command = new Command("credentials", "List Credentials: ready, region, identity kind (wide: identity and message)")
            .Prints(OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var listing = await new CatalogService(inv.Session).ListCredentialsAsync(ct);
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.Credential.NamePrefix, listing.Namespace, "credentials",
                listing.Credentials.Select(c => c.Raw).ToList(), color => CredentialListView.Render(listing, inv.Output == OutputFormat.Wide, color));
            return ExitCodes.Success;
        });
        return command;
    }
}
