using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.Kubernetes;

namespace Childctl.Core.Templates;

/// <summary>A typed read-model of one ClusterTemplate (REFERENCE.md §9); <see cref="Raw"/> is the object as served.</summary>
public sealed class ClusterTemplate
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public bool Valid { get; init; }

    public string? ValidationError { get; init; }

    public string? ChartVersion { get; init; }

    /// <summary><c>status.providers</c>, e.g. <c>infrastructure-azure</c>.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary><c>status.config.k0s.version</c>: the chart's default k0s version.</summary>
    public string? K0sVersion { get; init; }

    public string? K8sVersion { get; init; }

    /// <summary><c>status.config.workersNumber</c>: the chart's default worker count.</summary>
    public long? DefaultWorkers { get; init; }

    public JsonElement Raw { get; init; }

    /// <summary>
    /// The cloud: the suffix of the <c>infrastructure-*</c> provider the template needs (<c>infrastructure-azure</c> →
    /// <c>azure</c>), or null when it names none.
    /// </summary>
    public string? InfrastructureProvider
    {
        get
        {
            const string prefix = "infrastructure-";
            var provider = Providers.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal));
            return provider is null ? null : provider[prefix.Length..];
        }
    }

    public static ClusterTemplate Read(JsonElement obj)
    {
        var metadata = JsonPath.Object(obj, "metadata");
        var status = JsonPath.Object(obj, "status");
        var config = status is { } s ? JsonPath.Object(s, "config") : null;
        return new ClusterTemplate
        {
            Name = metadata is { } m ? JsonPath.String(m, "name") ?? string.Empty : string.Empty,
            Namespace = metadata is { } n ? JsonPath.String(n, "namespace") ?? string.Empty : string.Empty,
            Valid = status is { } v && JsonPath.Boolean(v, "valid"),
            ValidationError = status is { } e ? Empty(JsonPath.String(e, "validationError")) : null,
            ChartVersion = (status is { } c ? Empty(JsonPath.String(c, "chartVersion")) : null)
                ?? (JsonPath.Find(obj, "spec", "helm", "chartSpec", "version") is { ValueKind: JsonValueKind.String } sv ? sv.GetString() : null),
            Providers = JsonPath.Strings(status, "providers"),
            K0sVersion = JsonPath.Find(config, "k0s", "version") is { ValueKind: JsonValueKind.String } k0s ? Empty(k0s.GetString()) : null,
            K8sVersion = status is { } k ? Empty(JsonPath.String(k, "k8sVersion")) : null,
            DefaultWorkers = config is { } w ? JsonPath.Integer(w, "workersNumber") : null,
            Raw = obj,
        };
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>
/// The ClusterTemplates read in one list call, looked up by (namespace, name). Built per command and never kept:
/// provider and defaults are resolved live each time.
/// </summary>
internal sealed class TemplateCatalog
{
    private readonly Dictionary<(string Namespace, string Name), ClusterTemplate> _byName;

    public TemplateCatalog(IEnumerable<ClusterTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _byName = [];
        foreach (var template in templates)
        {
            _byName[(template.Namespace, template.Name)] = template;
        }
    }

    public static TemplateCatalog Empty { get; } = new([]);

    public ClusterTemplate? Find(string ns, string name) => _byName.GetValueOrDefault((ns, name));

    /// <summary>
    /// The ClusterTemplates of a scope, for provider and defaults. A user who may read ClusterDeployments but not
    /// ClusterTemplates still gets the clusters, with the provider shown as unknown, rather than an error.
    /// </summary>
    public static async Task<TemplateCatalog> ReadAsync(ManagementApi api, string? ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            var templates = await api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
            return new TemplateCatalog(templates.Items.Select(ClusterTemplate.Read));
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.PermissionDenied or ErrorKind.NotFound)
        {
            return Empty;
        }
    }
}
