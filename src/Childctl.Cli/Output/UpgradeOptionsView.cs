using System.Text.Json;
using Childctl.Core.Operations.Change;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary><c>upgrade NAME --list</c>: a one-row table, or the record for <c>-o json|yaml</c>.</summary>
internal static class UpgradeOptionsView
{
    public static string Render(UpgradeOptions options, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (format is OutputFormat.Json or OutputFormat.Yaml)
        {
            return KeyValueWriter.Render([new("name", options.Name), new("template", options.CurrentTemplate), new("availableUpgrades", options.AvailableUpgrades)], format) + "\n";
        }

        var table = new TableWriter("NAME", "TEMPLATE", "AVAILABLE UPGRADES");
        table.AddRow(options.Name, options.CurrentTemplate, Cells.Join(options.AvailableUpgrades));
        return table.Render();
    }

    /// <summary>
    /// <c>upgrade --list</c> over a selection: the clusters that have upgrades (NAMESPACE first with -A, as list does),
    /// or for <c>-o json|yaml</c> a list of the same records as the one-cluster form.
    /// </summary>
    /// <param name="err">Where to say how many of the selection's clusters have upgrades.</param>
    public static string Render(UpgradeListing listing, OutputFormat format, TextWriter err)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(err);
        err.WriteLine($"{listing.Upgradable.Count} of {listing.Total} cluster(s) have available upgrades.");
        if (format is OutputFormat.Json or OutputFormat.Yaml)
        {
            return format == OutputFormat.Json ? Json(listing.Upgradable) : Yaml(listing.Upgradable);
        }

        var showNamespace = listing.Namespace is null;
        var table = new TableWriter(showNamespace ? ["NAMESPACE", "NAME", "TEMPLATE", "AVAILABLE UPGRADES"] : ["NAME", "TEMPLATE", "AVAILABLE UPGRADES"]);
        foreach (var o in listing.Upgradable)
        {
            table.AddRow(showNamespace
                ? [o.Namespace, o.Name, o.CurrentTemplate, Cells.Join(o.AvailableUpgrades)]
                : [o.Name, o.CurrentTemplate, Cells.Join(o.AvailableUpgrades)]);
        }

        return table.Render();
    }

    private static string Json(IReadOnlyList<UpgradeOptions> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var o in items)
            {
                writer.WriteStartObject();
                writer.WriteString("namespace", o.Namespace);
                writer.WriteString("name", o.Name);
                writer.WriteString("template", o.CurrentTemplate);
                writer.WriteStartArray("availableUpgrades");
                o.AvailableUpgrades.ToList().ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Yaml(IReadOnlyList<UpgradeOptions> items) => items.Count == 0
        ? "items: []\n"
        : "items:\n" + string.Concat(items.Select(o =>
            $"- namespace: {YamlText.Scalar(o.Namespace)}\n  name: {YamlText.Scalar(o.Name)}\n  template: {YamlText.Scalar(o.CurrentTemplate)}\n" +
            $"  availableUpgrades: [{string.Join(", ", o.AvailableUpgrades.Select(YamlText.Scalar))}]\n"));
}
