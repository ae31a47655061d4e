using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>
/// The apiserver's own validation of the core kinds whose content it checks (Secret and ConfigMap), with its
/// messages: data keys are config keys, the values together are at most 1 MiB, an immutable object keeps its data
/// and stays immutable, and a Secret's type never changes. Bytes fields are base64, checked when decoded (400).
/// </summary>
internal static class CoreValidation
{
    /// <summary>corev1.MaxSecretSize, which also bounds a ConfigMap.</summary>
    public const int MaxSize = 1024 * 1024;

    private const string ImmutableMessage = "Forbidden: field is immutable when `immutable` is set";

    /// <summary>Decode-time work: bytes fields must be base64 (a 400, as a decoding error), and are stored canonical.</summary>
    public static void Decode(ResourceType type, JsonObject obj)
    {
        if (type == ResourceType.Secret)
        {
            GoBase64.Canonicalise(obj["data"] as JsonObject, "Secret", "data");
        }
        else if (type == ResourceType.ConfigMap)
        {
            GoBase64.Canonicalise(obj["binaryData"] as JsonObject, "ConfigMap", "binaryData");
        }
    }

    /// <summary>The causes of a Secret or ConfigMap write (empty for other kinds); <paramref name="old"/> is null on create.</summary>
    public static List<StatusCause> Check(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var causes = new List<StatusCause>();
        if (type == ResourceType.Secret)
        {
            CheckSecret(obj, old, causes);
        }
        else if (type == ResourceType.ConfigMap)
        {
            CheckConfigMap(obj, old, causes);
        }

        return causes;
    }

    private static void CheckSecret(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        if (old is not null)
        {
            var type = ObjectMeta.String(obj, "type") ?? "";
            var oldType = ObjectMeta.String(old, "type") ?? "";
            if (type != oldType)
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {GoQuote.Quote(type)}: field is immutable", "type"));
            }

            CheckImmutable(obj, old, ["data"], causes);
        }

        var size = 0L;
        foreach (var (key, value) in Map(obj, "data"))
        {
            KeyCauses(causes, "data", key);
            size += value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Base64Length(v.GetValue<string>()) : 0;
        }

        if (size > MaxSize)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {MaxSize} bytes", "data"));
        }

        CheckSecretType(obj, causes);
    }

    /// <summary>The keys each built-in Secret type requires (upstream ValidateSecret's switch on the type).</summary>
    private static void CheckSecretType(JsonObject obj, List<StatusCause> causes)
    {
        var data = obj["data"] as JsonObject ?? [];
        void Require(string key) => causes.Add(new StatusCause("FieldValueRequired", "Required value", $"data[{key}]"));
        switch (ObjectMeta.String(obj, "type"))
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(ObjectMeta.Of(obj)["annotations"]?["kubernetes.io/service-account.name"]?.GetValue<string>()))
                {
                    causes.Add(new StatusCause("FieldValueRequired", "Required value", "metadata.annotations[kubernetes.io/service-account.name]"));
                }

                break;
            case "kubernetes.io/dockercfg":
                RequireJson(data, ".dockercfg", causes, Require);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireJson(data, ".dockerconfigjson", causes, Require);
                break;
            case "kubernetes.io/basic-auth" when !data.ContainsKey("username") && !data.ContainsKey("password"):
                Require("username");
                Require("password");
                break;
            case "kubernetes.io/ssh-auth" when ObjectMeta.String(data, "ssh-privatekey") is not { Length: > 0 }:
                Require("ssh-privatekey");
                break;
            case "kubernetes.io/tls":
                foreach (var key in (string[])["tls.crt", "tls.key"])
                {
                    if (!data.ContainsKey(key))
                    {
                        Require(key);
                    }
                }

                break;
        }
    }

    private static void RequireJson(JsonObject data, string key, List<StatusCause> causes, Action<string> require)
    {
        if (ObjectMeta.String(data, key) is not { } encoded)
        {
            require(key);
            return;
        }

        try
        {
            using var _ = JsonDocument.Parse(Convert.FromBase64String(encoded));
        }
        catch (JsonException e)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"<secret contents redacted>\": {e.Message}", $"data[{key}]"));
        }
    }

    private static void CheckConfigMap(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        if (old is not null)
        {
            CheckImmutable(obj, old, ["data", "binaryData"], causes);
        }

        var binary = MapOf(obj, "binaryData");
        var size = 0L;
        foreach (var (key, value) in Map(obj, "data"))
        {
            KeyCauses(causes, "data", key);
            if (binary.ContainsKey(key))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {Quote(key)}: duplicate of key present in binaryData", $"data[{key}]"));
            }

            size += value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Encoding.UTF8.GetByteCount(v.GetValue<string>()) : 0;
        }

        foreach (var (key, value) in binary)
        {
            KeyCauses(causes, "binaryData", key);
            size += value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Base64Length(v.GetValue<string>()) : 0;
        }

        if (size > MaxSize)
        {
            causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {MaxSize} bytes", ""));
        }
    }

    /// <summary>Once immutable, the listed fields keep their content and immutable cannot be unset.</summary>
    private static void CheckImmutable(JsonObject obj, JsonObject old, string[] fields, List<StatusCause> causes)
    {
        if (old["immutable"]?.GetValueKind() != JsonValueKind.True)
        {
            return;
        }

        if (obj["immutable"]?.GetValueKind() != JsonValueKind.True)
        {
            causes.Add(new StatusCause("FieldValueForbidden", ImmutableMessage, "immutable"));
        }

        foreach (var field in fields)
        {
            if (!JsonNode.DeepEquals(EmptyAsNull(obj[field]), EmptyAsNull(old[field])))
            {
                causes.Add(new StatusCause("FieldValueForbidden", ImmutableMessage, field));
            }
        }
    }

    /// <summary>Go's reflect.DeepEqual on a decoded map sees an empty map and an absent one as different only when one is nil; JSON cannot tell them apart after omitempty.</summary>
    private static JsonNode? EmptyAsNull(JsonNode? node) => node is JsonObject { Count: 0 } ? null : node;

    private static void KeyCauses(List<StatusCause> causes, string field, string key)
    {
        foreach (var message in KubeNames.ConfigKey(key))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {Quote(key)}: {message}", $"{field}[{key}]"));
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Map(JsonObject obj, string field) =>
        obj[field] is JsonObject map ? map.OrderBy(p => p.Key, StringComparer.Ordinal) : [];

    private static Dictionary<string, JsonNode?> MapOf(JsonObject obj, string field) =>
        obj[field] is JsonObject map ? map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : [];

    private static long Base64Length(string canonical) =>
        canonical.Length / 4 * 3 - (canonical.EndsWith("==", StringComparison.Ordinal) ? 2 : canonical.EndsWith('=') ? 1 : 0);

    private static string Quote(string s) => GoQuote.Quote(s);
}
