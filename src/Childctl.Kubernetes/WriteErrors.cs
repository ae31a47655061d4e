using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>Reads the Status body of a refused write: its message and, for 422, each cause (field: message).</summary>
internal static class WriteErrors
{
    public static string Message(string? body, string fallback)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return fallback;
        }

        try
        {
            using var status = JsonDocument.Parse(body);
            var root = status.RootElement;
            var message = JsonPath.String(root, "message") ?? fallback;
            var causes = JsonPath.Array(JsonPath.Object(root, "details"), "causes")
                .Select(c => (Field: JsonPath.String(c, "field"), Text: JsonPath.String(c, "message")))
                .Where(c => c.Text is not null && !message.Contains(c.Text, StringComparison.Ordinal))
                .Select(c => c.Field is null ? c.Text! : $"{c.Field}: {c.Text}")
                .ToList();
            return causes.Count == 0 ? message : $"{message} ({string.Join("; ", causes)})";
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
