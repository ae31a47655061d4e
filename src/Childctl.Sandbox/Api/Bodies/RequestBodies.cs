using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Http;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>Reads request bodies: JSON, YAML, or the protobuf envelope for namespaces and secrets.</summary>
internal static class RequestBodies
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>An object body of a create or update; anything unreadable is 400, an unknown media type 415.</summary>
    public static JsonObject ParseObject(byte[] body, string contentType)
    {
        var essence = MediaTypes.Essence(contentType);
        try
        {
            return essence switch
            {
                "" or MediaTypes.Json => ParseJson(body) as JsonObject ?? throw ApiErrors.BadRequest("the body must be a JSON object"),
                MediaTypes.Yaml => ParseYaml(body) as JsonObject ?? throw ApiErrors.BadRequest("the body must be a YAML mapping"),
                MediaTypes.Protobuf => KubeProtobuf.Decode(body),
                _ => throw ApiErrors.UnsupportedMediaType($"{MediaTypes.Json}, {MediaTypes.Yaml}, {MediaTypes.Protobuf}"),
            };
        }
        catch (NotSupportedException e)
        {
            throw ApiErrors.UnsupportedMediaType($"{MediaTypes.Json}, {MediaTypes.Yaml} ({e.Message})");
        }
        catch (FormatException e)
        {
            throw ApiErrors.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }

    /// <summary>JSON with duplicate keys rejected, the way strict decoding upstream does.</summary>
    public static JsonNode? ParseJson(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            var duplicate = e.Message.StartsWith("Duplicate property", StringComparison.Ordinal);
            throw ApiErrors.BadRequest(duplicate ? $"strict decoding error: {e.Message}" : $"couldn't decode the body as JSON: {e.Message}");
        }
    }

    /// <summary>YAML (which includes JSON, as apply-patch bodies often are).</summary>
    public static JsonNode? ParseYaml(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (text.TrimStart().StartsWith('{'))
        {
            return ParseJson(body);
        }

        try
        {
            return YamlJson.ReadOne(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
