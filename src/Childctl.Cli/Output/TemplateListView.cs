using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Output;

/// <summary>
/// The <c>templates</c> table: what a user needs to pick a template to create from. The validation error goes in the
/// last column, MESSAGE, so that one long error does not push the short columns apart.
/// </summary>
internal static class TemplateListView
{
    public static string Render(TemplateListing listing, bool wide, bool color = false) => Render(listing, wide, new TableLayout(color));

    public static string Render(TemplateListing listing, bool wide, TableLayout layout)
    {
        var showNamespace = listing.Namespace is null;
        // kubectl puts NAMESPACE first with -A; rows are sorted by namespace, then name.
        var headers = showNamespace ? new List<string> { "NAMESPACE", "NAME" } : new List<string> { "NAME" };

        headers.AddRange(["PROVIDER", "CHART VERSION", "K0S VERSION", "VALID", "UPGRADE TARGETS"]);
        if (wide)
        {
            headers.Add("PROVIDERS");
        }

        headers.Add("MESSAGE");

        var table = new TableWriter([.. headers]);
        var valid = table.ColumnOf("VALID");
        table.StyleColumn("VALID", row => CellStyles.FalseIsBad(row[valid]));
        foreach (var t in listing.Templates)
        {
            var row = showNamespace ? new List<string?> { t.Namespace, t.Name } : new List<string?> { t.Name };

            row.AddRange([
                t.InfrastructureProvider ?? "<unknown>", Cells.OrNone(t.ChartVersion), Cells.OrNone(t.K0sVersion),
                t.Valid ? "true" : "false",
                Cells.Join(listing.Upgrades.For(t.Namespace, t.Name)),
            ]);
            if (wide)
            {
                row.Add(Cells.Join(t.Providers));
            }

            row.Add(t.Valid ? string.Empty : t.ValidationError ?? "not validated yet");

            table.AddRow([.. row]);
        }

        return table.Render(layout);
    }
}
