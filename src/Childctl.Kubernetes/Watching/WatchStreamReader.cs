using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Childctl.Kubernetes.Watching;

/// <summary>
/// Reads a Kubernetes watch response body: newline-delimited JSON events (kubectl-wire.md §6). KubernetesClient.Aot
/// has no watch helpers (aot-spike.md §2), so childctl reads the stream itself. The enumeration ends when the
/// server closes the stream; a torn last line (connection cut mid-event) is dropped, never half-parsed.
/// </summary>
public static class WatchStreamReader
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream body,
        Func<JsonElement, T> convert,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(convert);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = Parse(line, convert);
            if (parsed is not null)
            {
                yield return parsed;
            }
        }
    }

    /// <summary>Parses one line, turning the object into <typeparamref name="T"/> with <paramref name="convert"/>; null for a line that is not a complete event (a torn tail).</summary>
    public static WatchEvent<T>? Parse<T>(string line, Func<JsonElement, T> convert)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(convert);
        RawWatchEvent? raw;
        try
        {
            raw = JsonSerializer.Deserialize(line, WatchJsonContext.Default.RawWatchEvent);
        }
        catch (JsonException)
        {
            return null;
        }

        if (raw?.Type is null || raw.Object.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = ToType(raw.Type);
        var resourceVersion = raw.Object.Deserialize(WatchJsonContext.Default.WatchMetadata)?.Metadata?.ResourceVersion;
        return type switch
        {
            WatchEventType.Error => ToError<T>(raw.Object),
            WatchEventType.Bookmark => new WatchEvent<T>(type, null, resourceVersion),
            _ => new WatchEvent<T>(type, convert(raw.Object), resourceVersion),
        };
    }

    private static WatchEvent<T> ToError<T>(JsonElement status)
        where T : class
    {
        var parsed = status.Deserialize(WatchJsonContext.Default.WatchStatus);
        var code = parsed?.Code ?? 0;
        if (code == 0 && string.Equals(parsed?.Reason, "Expired", StringComparison.Ordinal))
        {
            code = 410;
        }

        return new WatchEvent<T>(WatchEventType.Error, null, null, code, parsed?.Message ?? parsed?.Reason ?? "watch error");
    }

    private static WatchEventType ToType(string type) => type switch
    {
        "ADDED" => WatchEventType.Added,
        "MODIFIED" => WatchEventType.Modified,
        "DELETED" => WatchEventType.Deleted,
        "BOOKMARK" => WatchEventType.Bookmark,
        _ => WatchEventType.Error,
    };
}

// A watch stream as it goes over the wire: one JSON object per line, read without reflection.

/// <summary>One line of a watch stream as sent: <c>{"type":"MODIFIED","object":{...}}</c>, the object not yet typed.</summary>
internal sealed class RawWatchEvent
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }
}

/// <summary>The part of any object a watch needs whatever its kind: where the stream is (resourceVersion).</summary>
internal sealed class WatchMetadata
{
    [JsonPropertyName("metadata")]
    public ObjectMetaLite? Metadata { get; set; }

    internal sealed class ObjectMetaLite
    {
        [JsonPropertyName("resourceVersion")]
        public string? ResourceVersion { get; set; }
    }
}

/// <summary>The Status object an ERROR watch event carries (for example 410 Expired: "too old resource version").</summary>
internal sealed class WatchStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>Source-generated JSON for reading watch streams by hand (NativeAOT: no reflection).</summary>
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(WatchStatus))]
[JsonSerializable(typeof(WatchMetadata))]
internal sealed partial class WatchJsonContext : JsonSerializerContext
{
}
