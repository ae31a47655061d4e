namespace Childctl.Sandbox.Api.Http;

/// <summary>Content negotiation the way clients use it: charset parameters ignored, Table and aggregated discovery by parameters.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string MergePatch = "application/merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";
    public const string TableV1 = "application/json;as=Table;v=v1;g=meta.k8s.io";
    public const string TableV1Beta1 = "application/json;as=Table;v=v1beta1;g=meta.k8s.io";
    public const string DiscoveryV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string DiscoveryV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    /// <summary>The type/subtype of a Content-Type, lower-cased, parameters dropped.</summary>
    public static string Essence(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
    }

    /// <summary>The Table media type to answer with when the Accept header asks for one (first one listed wins).</summary>
    public static string? TableRequested(string? accept) =>
        FirstMatch(accept, p => p.GetValueOrDefault("as") == "Table" && p.GetValueOrDefault("g") == "meta.k8s.io", p => p.GetValueOrDefault("v") switch
        {
            "v1" => TableV1,
            "v1beta1" => TableV1Beta1,
            _ => null,
        });

    /// <summary>The aggregated-discovery media type to answer with, when asked for.</summary>
    public static string? DiscoveryRequested(string? accept) =>
        FirstMatch(accept, p => p.GetValueOrDefault("as") == "APIGroupDiscoveryList" && p.GetValueOrDefault("g") == "apidiscovery.k8s.io", p => p.GetValueOrDefault("v") switch
        {
            "v2" => DiscoveryV2,
            "v2beta1" => DiscoveryV2Beta1,
            _ => null,
        });

    private static string? FirstMatch(string? accept, Func<Dictionary<string, string>, bool> matches, Func<Dictionary<string, string>, string?> pick)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return null;
        }

        foreach (var range in accept.Split(','))
        {
            var parts = range.Split(';');
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim(), StringComparer.Ordinal);
            if (Essence(parts[0]) == Json && matches(parameters) && pick(parameters) is { } chosen)
            {
                return chosen;
            }
        }

        return null;
    }
}
