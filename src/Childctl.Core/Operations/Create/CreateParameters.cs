using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Core.Operations.Create;

/// <summary>The parameters a create records in history: what was asked for, by flag name, or the file's config flattened.</summary>
internal static class CreateParameters
{
    public static Dictionary<string, string> FromFlags(CreateRequest request, string template, string credential)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["provider"] = request.Provider!.Name,
            ["template"] = template,
            ["credential"] = credential,
        };
        var s = request.Shape;
        foreach (var flag in request.Provider.Location)
        {
            Add(p, flag.Parameter, s.Location.GetValueOrDefault(flag.Flag));
        }

        Add(p, "cp_instance_size", s.ControlPlaneInstanceSize ?? request.Provider.DefaultInstanceSize);
        Add(p, "worker_instance_size", s.WorkerInstanceSize ?? request.Provider.DefaultInstanceSize);
        Add(p, "cp_number", (s.ControlPlaneNumber ?? ProviderConfig.DefaultControlPlaneNumber).ToString(CultureInfo.InvariantCulture));
        Add(p, "worker_number", (s.WorkerNumber ?? ProviderConfig.DefaultWorkerNumber).ToString(CultureInfo.InvariantCulture));
        Add(p, "root_volume_size", s.RootVolumeSize?.ToString(CultureInfo.InvariantCulture));
        Add(p, "cluster_labels", Pairs(request.Labels));
        Add(p, "cluster_annotations", Pairs(request.Annotations));
        AddDryRun(p, request);
        return p;
    }

    public static Dictionary<string, string> FromManifest(CreateRequest request, JsonObject manifest, string template, string credential, string? provider)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal) { ["template"] = template, ["credential"] = credential };
        Add(p, "provider", provider);
        Add(p, "file", request.Source);
        if (ClusterDeploymentManifest.Spec(manifest)?["config"] is JsonObject config)
        {
            Flatten(p, "config.", config);
        }

        AddDryRun(p, request);
        return p;
    }

    private static void Flatten(Dictionary<string, string> into, string prefix, JsonObject node)
    {
        foreach (var (key, value) in node)
        {
            switch (value)
            {
                case JsonObject child:
                    Flatten(into, $"{prefix}{key}.", child);
                    break;
                case JsonValue scalar:
                    into[prefix + key] = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
                    break;
                case JsonArray array:
                    into[prefix + key] = array.ToJsonString();
                    break;
            }
        }
    }

    private static void AddDryRun(Dictionary<string, string> p, CreateRequest request)
    {
        if (request.K0rdentDryRun)
        {
            p["k0rdent_dry_run"] = "true";
        }
    }

    private static string? Pairs(IReadOnlyDictionary<string, string>? pairs) =>
        pairs is { Count: > 0 } ? string.Join(',', pairs.Select(kv => $"{kv.Key}={kv.Value}")) : null;

    private static void Add(Dictionary<string, string> p, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            p[key] = value;
        }
    }
}
