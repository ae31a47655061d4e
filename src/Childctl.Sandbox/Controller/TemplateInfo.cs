using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>What the controller needs from a ClusterTemplate's spec and status (REFERENCE.md §9).</summary>
internal sealed record TemplateInfo(
    string Namespace,
    string Name,
    bool Valid,
    string ValidationError,
    string Chart,
    string ChartVersion,
    string K8sVersion,
    string K0sVersion,
    ProviderProfile? Profile)
{
    /// <summary>The chart as Helm and Flux name it in messages: <c>azure-standalone-cp@1.0.45</c>.</summary>
    public string ChartReference => $"{Chart}@{ChartVersion}";

    public static TemplateInfo From(JsonObject template)
    {
        var status = template["status"];
        var providers = JsonAccess.At(status, "providers") is JsonArray list
            ? list.Select(p => p?.ToString() ?? "").ToList()
            : [];
        var chart = JsonAccess.String(template, "spec", "helm", "chartSpec", "chart")
            ?? JsonAccess.String(status, "chartRef", "name") ?? JsonAccess.Name(template);
        return new TemplateInfo(
            JsonAccess.Namespace(template),
            JsonAccess.Name(template),
            JsonAccess.Bool(status, "valid"),
            JsonAccess.String(status, "validationError") ?? "",
            chart,
            JsonAccess.String(status, "chartVersion") ?? JsonAccess.String(template, "spec", "helm", "chartSpec", "version") ?? "",
            JsonAccess.String(status, "k8sVersion") ?? "",
            JsonAccess.String(status, "config", "k0s", "version") ?? "",
            ProviderProfile.FromProviders(providers));
    }
}
