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
        var shape = new ListingOptions();
        var command = shape.AddTo(new Command("credentials", "List Credentials: ready, region, identity kind (wide: identity and message)"))
            .Prints([OutputFormat.Wide, .. OutputOption.Objects]);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var served = await new CatalogService(inv.Session).ListCredentialsAsync(ct);
            var listing = served with { Credentials = ObjectOutput.Sorted(served.Credentials, c => c.Raw, shape.SortBy(inv)) };
            var layout = shape.Layout(inv, inv.Layout, listing.Credentials.Select(c => ListingOptions.LabelsOf(c.Raw)).ToList());
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.Credential.NamePrefix, listing.Namespace, "credentials",
                listing.Credentials.Select(c => c.Raw).ToList(), l => CredentialListView.Render(listing, inv.Output == OutputFormat.Wide, l), layout);
            return ExitCodes.Success;
        });
        return command;
    }
}
