using System.Text.Json;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>
/// Everything the API needs to serve one kind at one version: names for discovery, whether status is a subresource,
/// how its Table looks, and the structural schema used to validate, prune and default writes.
/// </summary>
internal sealed record ResourceDefinition(
    ResourceType Type,
    string Singular,
    string ListKind,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool IsCustomResource,
    TableStyle Table,
    IReadOnlyList<PrinterColumn> Columns,
    JsonElement? Schema)
{
    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static readonly IReadOnlyList<string> StatusVerbs = ["get", "patch", "update"];

    /// <summary>The lookup key of the URL form: group/version/plural.</summary>
    public string PathKey => $"{Type.Group}/{Type.Version}/{Type.Plural}";
}

/// <summary>A column of the Table format: an additionalPrinterColumn of a CRD, or one of a core kind's fixed columns.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", int Priority = 0, string Format = "");

/// <summary>Which columns a kind's Table has: a CRD's printer columns, or the apiserver's fixed set for a core kind.</summary>
internal enum TableStyle
{
    Custom,
    Namespace,
    Secret,
    ConfigMap,
    Event,
    CustomResourceDefinition,
}
