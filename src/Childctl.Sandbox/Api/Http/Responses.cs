using System.Text;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Http;

/// <summary>Writes whole (non-streaming) answers with a Content-Length, so clients can keep connections alive.</summary>
internal static class Responses
{
    public static Task WriteAsync(HttpContext ctx, int status, byte[] body, string contentType = MediaTypes.Json) =>
        WriteAsync(ctx, status, body.AsMemory(), contentType);

    public static async Task WriteAsync(HttpContext ctx, int status, ReadOnlyMemory<byte> body, string contentType = MediaTypes.Json)
    {
        var response = ctx.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-cache, private";
        await response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    public static Task WriteTextAsync(HttpContext ctx, int status, string text, string contentType = "text/plain; charset=utf-8") =>
        WriteAsync(ctx, status, Encoding.UTF8.GetBytes(text), contentType);

    public static Task WriteStatusAsync(HttpContext ctx, StoreException e)
    {
        if (e.Details?.RetryAfterSeconds is { } retry)
        {
            ctx.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(ctx, e.Code, StatusBody.Failure(e));
    }

    /// <summary>Adds a Warning header, RFC 7234-quoted with inner quotes escaped (clients drop it otherwise).</summary>
    public static void AddWarning(HttpContext ctx, string text)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        ctx.Response.Headers.Append("Warning", $"299 - \"{escaped}\"");
    }
}
