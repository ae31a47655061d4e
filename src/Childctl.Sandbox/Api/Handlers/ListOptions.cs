using System.Globalization;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Selectors;
using Childctl.Sandbox.Api.Tables;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>The query parameters of list and watch requests, parsed and checked (bad values are 400, as upstream).</summary>
internal sealed record ListOptions(
    LabelSelector Labels,
    FieldSelector Fields,
    int Limit,
    string? Continue,
    long ResourceVersion,
    bool Watch,
    bool AllowBookmarks,
    int? TimeoutSeconds,
    IncludeObject Include)
{
    public static ListOptions Parse(IQueryCollection q, ResourceDefinition def) => new(
        LabelSelector.Parse(q["labelSelector"]),
        FieldSelector.Parse(q["fieldSelector"], def),
        Int(q, "limit") ?? 0,
        q["continue"].ToString() is { Length: > 0 } c ? c : null,
        ResourceVersionOf(q["resourceVersion"]),
        Flag(q, "watch"),
        Flag(q, "allowWatchBookmarks"),
        Int(q, "timeoutSeconds"),
        q["includeObject"].ToString() switch
        {
            "Object" => IncludeObject.Object,
            "None" => IncludeObject.None,
            _ => IncludeObject.Metadata,
        });

    public bool Matches(StoredObject o) => Labels.Matches(o.Labels) && Fields.Matches(o);

    public static bool Flag(IQueryCollection q, string name) => q[name].ToString() is "true" or "1" or "True";

    private static int? Int(IQueryCollection q, string name)
    {
        var raw = q[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw ApiErrors.BadRequest($"invalid {name}: \"{raw}\"");
    }

    private static long ResourceVersionOf(string? raw) =>
        string.IsNullOrEmpty(raw) ? 0
        : long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rv) && rv >= 0 ? rv
        : throw ApiErrors.BadRequest($"invalid resource version: \"{raw}\"");
}
