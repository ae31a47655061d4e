using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.Core.Templates;
using Childctl.Kubernetes;
using Childctl.Shared.ValuesSchema;

namespace Childctl.Core.Operations.Preflight;

/// <summary>
/// A ClusterTemplate's values schema, as k0rdent publishes it for clients: the ConfigMap named in the template's
/// <c>status.schemaConfigMapName</c> (<c>schema-ct-&lt;template&gt;</c>), data key <c>schema</c> (REFERENCE.md §9, §11).
/// <c>spec.config</c> is checked the way the chart's Helm dry run checks it once the cluster exists: coalesced over the
/// template's defaults (<c>status.config</c>, maps merge key by key, null deletes), then validated by <see cref="ValuesSchemaEvaluator"/>
/// (the JSON Schema keywords Helm charts use; shared with the sandbox's simulated dry run). The violations are worded as the apiserver words a 422's causes
/// (<see cref="SchemaViolation"/>), since that is the language kubectl users read.
/// </summary>
internal sealed class ConfigSchema
{
    public const string DataKey = "schema";

    private static readonly ResourceKind ConfigMap = new(string.Empty, "v1", "configmaps", "ConfigMap");

    private readonly ValuesSchemaEvaluator _schema;

    private ConfigSchema(string template, string configMap, ValuesSchemaEvaluator schema)
    {
        Template = template;
        ConfigMapName = configMap;
        _schema = schema;
    }

    public string Template { get; }

    public string ConfigMapName { get; }

    /// <summary>
    /// The template's published schema, or null when it publishes none (no <c>schemaConfigMapName</c>, no ConfigMap,
    /// no <c>schema</c> key) or this user may not read it: then only k0rdent checks the values, after the create.
    /// </summary>
    public static async Task<ConfigSchema?> ReadAsync(ManagementApi api, ClusterTemplate template, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(template);
        if (JsonPath.Find(template.Raw, "status", "schemaConfigMapName") is not { ValueKind: JsonValueKind.String } named || named.GetString() is not { Length: > 0 } name)
        {
            return null;
        }

        JsonElement? configMap;
        try
        {
            configMap = await api.TryGetAsync(ConfigMap, template.Namespace, name, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.PermissionDenied)
        {
            return null;
        }

        if (configMap is not { } found || JsonPath.Find(found, "data", DataKey) is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        return Parse(template.Name, $"{template.Namespace}/{name}", text.GetString()!);
    }

    /// <summary>Reads a schema document; one that is not a JSON Schema is the template's fault, reported as such.</summary>
    public static ConfigSchema Parse(string template, string configMap, string text)
    {
        try
        {
            var document = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("the document is not a JSON object");
            var schema = new ValuesSchemaEvaluator(document);
            return new ConfigSchema(template, configMap, schema);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new ChildctlException(ErrorKind.General,
                $"ClusterTemplate \"{template}\" publishes a values schema that cannot be read (ConfigMap {configMap}, key {DataKey}): {e.Message}");
        }
    }

    /// <summary>The violations of <paramref name="config"/> coalesced over <paramref name="defaults"/>, sorted by field path.</summary>
    public IReadOnlyList<SchemaViolation> Check(JsonObject? defaults, JsonObject? config)
    {
        var values = HelmValues.Coalesce(defaults?.DeepClone() as JsonObject ?? [], config);
        IReadOnlyList<SchemaFinding> findings;
        try
        {
            findings = _schema.Evaluate(values);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new ChildctlException(ErrorKind.General,
                $"ClusterTemplate \"{Template}\" publishes a values schema that cannot be applied (ConfigMap {ConfigMapName}, key {DataKey}): {e.Message}");
        }

        return findings.SelectMany(SchemaViolation.From)
            .Distinct()
            .OrderBy(v => v.Field, StringComparer.Ordinal).ThenBy(v => v.Text, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The one error for violations: the apiserver's 422 sentence, then where the rules come from.</summary>
    public ChildctlException Refusal(string clusterName, IReadOnlyList<SchemaViolation> violations)
    {
        var causes = violations.Select(v => v.Text).ToList();
        var list = causes.Count == 1 ? causes[0] : "[" + string.Join(", ", causes) + "]";
        return ChildctlException.InvalidInput(
            $"ClusterDeployment.{K0rdentKinds.Group} \"{clusterName}\" is invalid: {list} (the values schema of ClusterTemplate {Template}, ConfigMap {ConfigMapName}; k0rdent would fail HelmChartReady)");
    }
}
