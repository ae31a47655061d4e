using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// What a ClusterDeployment's spec said at one moment, as history parameters: <c>generation</c>, <c>created_at</c>
/// (the object's creationTimestamp) and the template, credential and every config value flattened under
/// <c>spec.</c> (<c>spec.template</c>, <c>spec.config.worker.vmSize</c>, ...). Create, scale and upgrade record it
/// with their events, and the audit records it with its findings, so a later audit can tell which generation and
/// which values history already accounts for, and show what another writer changed.
/// </summary>
/// <remarks>
/// Values are text: strings as they are, numbers and booleans as JSON, arrays as compact JSON, an empty object as
/// <c>{}</c>. The history store redacts secret-looking keys and values before writing, as for any parameter.
/// </remarks>
internal static class SpecSnapshot
{
    public const string GenerationKey = "generation";
    public const string CreatedAtKey = "created_at";
    public const string Prefix = "spec.";
    public const string TemplateKey = "spec.template";
    public const string CredentialKey = "spec.credential";
    public const string ConfigPrefix = "spec.config.";
    public const string MetadataPrefix = "metadata.";
    public const string LabelsKey = "metadata.labels";
    public const string AnnotationsKey = "metadata.annotations";

    /// <summary>
    /// Metadata that is not the operator's to change, so never a change made elsewhere: the label k0rdent's controller
    /// adds, childctl's own provenance stamp (its operations are in history) and kubectl's copy of the applied object.
    /// </summary>
    private static readonly string[] IgnoredMetadataPrefixes =
        ["k0rdent.mirantis.com/component", "childctl.dev/", "kubectl.kubernetes.io/last-applied-configuration"];

    /// <summary>Whether a label or annotation key is the operator's: not one that k0rdent, childctl or kubectl write for themselves.</summary>
    public static bool IsOperatorMetadata(string key) => !IgnoredMetadataPrefixes.Any(i => key.StartsWith(i, StringComparison.Ordinal));

    /// <summary>
    /// The spec values: <c>spec.template</c>, <c>spec.credential</c>, <c>spec.config.*</c>; and the labels and annotations
    /// as <c>metadata.labels.KEY</c> and <c>metadata.annotations.KEY</c> (an empty map as <c>metadata.labels: {}</c>, so a
    /// snapshot says it captured them), but for those <see cref="IgnoredMetadataPrefixes"/> names.
    /// </summary>
    public static Dictionary<string, string> Of(ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { [TemplateKey] = cluster.Template };
        AddMap(values, LabelsKey, cluster.Labels);
        AddMap(values, AnnotationsKey, JsonPath.StringMap(JsonPath.Object(cluster.Raw, "metadata"), "annotations"));
        if (cluster.Credential is { } credential)
        {
            values[CredentialKey] = credential;
        }

        if (cluster.Config is { ValueKind: JsonValueKind.Object } config)
        {
            Flatten(values, ConfigPrefix, config);
        }

        return values;
    }

    /// <summary>Adds generation, creation time and the spec values to an event's parameters (existing keys win).</summary>
    public static Dictionary<string, string> AddTo(IReadOnlyDictionary<string, string>? parameters, ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var result = parameters is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        result.TryAdd(GenerationKey, cluster.Generation.ToString(CultureInfo.InvariantCulture));
        if (cluster.CreationTimestamp is { } created)
        {
            result.TryAdd(CreatedAtKey, Stamp(created));
        }

        foreach (var (key, value) in Of(cluster))
        {
            result.TryAdd(key, value);
        }

        return result;
    }

    /// <summary>The <c>spec.*</c> and <c>metadata.*</c> values among recorded parameters.</summary>
    public static Dictionary<string, string> From(IReadOnlyDictionary<string, string>? parameters) =>
        (parameters ?? new Dictionary<string, string>())
            .Where(p => p.Key.StartsWith(Prefix, StringComparison.Ordinal) || p.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Which map a metadata key belongs to (<c>metadata.labels</c> or <c>metadata.annotations</c>), or null for a spec key.</summary>
    public static string? MapOf(string key) =>
        key.StartsWith(LabelsKey, StringComparison.Ordinal) ? LabelsKey
        : key.StartsWith(AnnotationsKey, StringComparison.Ordinal) ? AnnotationsKey
        : null;

    private static void AddMap(Dictionary<string, string> into, string prefix, IReadOnlyDictionary<string, string> map)
    {
        var kept = map.Where(p => IsOperatorMetadata(p.Key)).ToList();
        if (kept.Count == 0)
        {
            into[prefix] = "{}";
        }

        foreach (var (key, value) in kept)
        {
            into[$"{prefix}.{key}"] = value;
        }
    }

    /// <summary>A recorded generation, when the parameters hold one.</summary>
    public static long? Generation(IReadOnlyDictionary<string, string>? parameters) =>
        parameters is not null && parameters.TryGetValue(GenerationKey, out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;

    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void Flatten(Dictionary<string, string> into, string prefix, JsonElement node)
    {
        var any = false;
        foreach (var property in node.EnumerateObject())
        {
            any = true;
            var key = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(into, key + ".", property.Value);
                    break;
                case JsonValueKind.String:
                    into[key] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Array:
                    into[key] = JsonSerializer.Serialize(property.Value, CompactJsonContext.Default.JsonElement);
                    break;
                default:
                    into[key] = property.Value.GetRawText();
                    break;
            }
        }

        if (!any && prefix.Length > ConfigPrefix.Length)
        {
            into[prefix[..^1]] = "{}";
        }
    }
}

/// <summary>Source-generated, unindented JSON for values kept as text (arrays in a spec snapshot): NativeAOT-clean.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CompactJsonContext : JsonSerializerContext;
