using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Output;

/// <summary>The <c>credentials</c> table; <c>-o wide</c> adds the identity's name and namespace and the CredentialReady message.</summary>
internal static class CredentialListView
{
    public static string Render(CredentialListing listing, bool wide, bool color = false) => Render(listing, wide, new TableLayout(color));

    public static string Render(CredentialListing listing, bool wide, TableLayout layout)
    {
        var showNamespace = listing.Namespace is null;
        // kubectl puts NAMESPACE first with -A; rows are sorted by namespace, then name.
        var headers = showNamespace ? new List<string> { "NAMESPACE", "NAME" } : new List<string> { "NAME" };

        headers.AddRange(["READY", "REGION", "IDENTITY KIND"]);
        if (wide)
        {
            headers.AddRange(["IDENTITY NAME", "IDENTITY NAMESPACE", "MESSAGE"]);
        }

        var table = new TableWriter([.. headers]);
        var ready = table.ColumnOf("READY");
        table.StyleColumn("READY", row => CellStyles.FalseIsBad(row[ready]));
        foreach (var c in listing.Credentials)
        {
            var row = showNamespace ? new List<string?> { c.Namespace, c.Name } : new List<string?> { c.Name };

            row.AddRange([Cells.Bool(c.Ready), Cells.OrNone(c.Region), Cells.OrNone(c.IdentityKind)]);
            if (wide)
            {
                row.AddRange([Cells.OrNone(c.IdentityName), Cells.OrNone(c.IdentityNamespace), c.ReadyMessage ?? string.Empty]);
            }

            table.AddRow([.. row]);
        }

        return table.Render(layout);
    }
}
