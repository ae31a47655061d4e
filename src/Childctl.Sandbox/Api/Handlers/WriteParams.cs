using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Validation;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>The query parameters every write shares: fieldManager, dryRun and fieldValidation.</summary>
internal sealed record WriteParams(string FieldManager, bool ExplicitManager, bool DryRun, FieldValidation Mode)
{
    public static WriteParams From(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var dryRun = q["dryRun"].ToString() switch
        {
            "" => false,
            "All" => true,
            var other => throw ApiErrors.BadRequest($"Invalid dry run value: {other}"),
        };
        var manager = q["fieldManager"].ToString();
        var mode = WriteValidation.ModeOf(q["fieldValidation"]);
        return manager.Length > 0
            ? new WriteParams(manager, true, dryRun, mode)
            : new WriteParams(DefaultManager(ctx.Request.Headers.UserAgent.ToString()), false, dryRun, mode);
    }

    public WriteOptions Options(string operation = WriteOptions.Update) => new(FieldManager, operation, DryRun);

    /// <summary>Upstream names an unnamed manager after the client's user agent (up to the first '/').</summary>
    private static string DefaultManager(string userAgent)
    {
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? userAgent[..slash] : userAgent;
        return name.Length > 0 ? name : "unknown";
    }
}
