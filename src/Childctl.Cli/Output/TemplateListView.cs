using Childctl.Core.Operations;

namespace Childctl.Cli.Output;

/// <summary>The <c>templates</c> table: what a user needs to pick a template to create from.</summary>
internal static class TemplateListView
{
    public static string Render(TemplateListing listing, bool wide, bool showNamespace, bool color = false)
    {
        var headers = new List<string> { "NAME" };
        if (showNamespace)
        {
            headers.Add("NAMESPACE");
        }

        headers.AddRange(["PROVIDER", "CHART VERSION", "K0S VERSION", "VALID", "UPGRADE TARGETS"]);
        if (wide)
        {
            headers.Add("PROVIDERS");
        }

        var table = new TableWriter([.. headers]);
        var valid = table.ColumnOf("VALID");
        table.StyleColumn("VALID", row => CellStyles.FalseIsBad(row[valid]));
        foreach (var t in listing.Templates)
        {
            var row = new List<string?> { t.Name };
            if (showNamespace)
            {
                row.Add(t.Namespace);
            }

            row.AddRange([
                t.InfrastructureProvider ?? "<unknown>", Cells.OrNone(t.ChartVersion), Cells.OrNone(t.K0sVersion),
                t.Valid ? "true" : $"false: {t.ValidationError ?? "not validated yet"}",
                Cells.Join(listing.Upgrades.For(t.Namespace, t.Name)),
            ]);
            if (wide)
            {
                row.Add(Cells.Join(t.Providers));
            }

            table.AddRow([.. row]);
        }

        return table.Render(color);
    }
}
