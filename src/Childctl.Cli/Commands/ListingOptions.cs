using System.CommandLine;
using System.Text.Json;
using Childctl.Cli.Output;
using Childctl.Shared.JsonPath;

namespace Childctl.Cli.Commands;

/// <summary>
/// kubectl's options for the shape of a listing, on <c>list</c>, <c>templates</c> and <c>credentials</c>:
/// <c>--sort-by PATH</c> (JSONPath over what <c>-o json</c> prints of each item, checked while parsing),
/// <c>--no-headers</c>, <c>-L/--label-columns KEY,…</c> (a column per label key, headed by the key's last segment
/// upper-cased, as kubectl heads it) and <c>--show-labels</c> (a LABELS column).
/// </summary>
internal sealed class ListingOptions
{
    private readonly Option<string?> _sortBy = new("--sort-by")
    {
        Description = "Sort by a JSONPath over each item as -o json prints it, e.g. .metadata.creationTimestamp or .childctl.phase",
    };

    private readonly Option<bool> _noHeaders = new("--no-headers") { Description = "Leave out the header line (table, wide and custom-columns)" };

    private readonly Option<string[]> _labelColumns = new("--label-columns", "-L")
    {
        Description = "Add a column for each of these label keys (comma-separated, or -L repeated)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<bool> _showLabels = new("--show-labels") { Description = "Add a LABELS column with every label" };

    public ListingOptions()
    {
        _sortBy.Validators.Add(result =>
        {
            if (result.Tokens is [var token, ..])
            {
                try
                {
                    _ = JsonPathTemplate.Relaxed(token.Value);
                }
                catch (FormatException e)
                {
                    result.AddError($"--sort-by {token.Value}: {e.Message}");
                }
            }
        });
    }

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { _sortBy, _noHeaders, _labelColumns, _showLabels })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public string? SortBy(Invocation inv) => inv.Get(_sortBy);

    /// <summary>The invocation's table layout with --no-headers and the label columns for <paramref name="labels"/>, one per row.</summary>
    public TableLayout Layout(Invocation inv, TableLayout layout, IReadOnlyList<IReadOnlyDictionary<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(inv);
        ArgumentNullException.ThrowIfNull(labels);
        var columns = new List<(string, IReadOnlyList<string>)>();
        foreach (var key in (inv.Get(_labelColumns) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            columns.Add((key[(key.LastIndexOf('/') + 1)..].ToUpperInvariant(), labels.Select(l => l.TryGetValue(key, out var v) ? v : string.Empty).ToList()));
        }

        if (inv.Get(_showLabels))
        {
            columns.Add(("LABELS", labels.Select(l => Cells.Join(l.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))).ToList()));
        }

        return layout with { NoHeaders = inv.Get(_noHeaders), ExtraColumns = columns };
    }

    /// <summary>The labels of an object as served (<c>metadata.labels</c>).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonElement item) =>
        Kubernetes.JsonPath.StringMap(Kubernetes.JsonPath.Find(item, "metadata"), "labels");
}
