using System.Text.Json.Nodes;
using Childctl.Sandbox.Seeding;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A minimal template controller (REFERENCE.md §9): a ClusterTemplate created without a status is validated
/// against the charts the simulated kcm-templates repository has (azure/aws/gcp-standalone-cp, any version):
/// a known chart gets the full status of a stock template, anything else <c>valid: false</c> with a chart-pull
/// error. Templates that already have a status (the seeded ones, or ones written by a test) keep it. A template whose
/// status names a schema ConfigMap gets it (again, if someone deleted it); a deleted template's ConfigMap goes.
/// </summary>
internal sealed class TemplateReconciler
{
    private readonly IObjectStore _store;

    public TemplateReconciler(IObjectStore store) => _store = store;

    public void Reconcile(string ns, string name)
    {
        var template = _store.Get(ResourceType.ClusterTemplate, ns, name);
        if (template is null)
        {
            SchemaConfigMap.RemoveFor(_store, ns, name);
            return;
        }

        try
        {
            if (JsonAccess.At(template, "status", "valid") is null)
            {
                template["status"] = Status(template, ns, name);
                template = _store.UpdateStatus(ResourceType.ClusterTemplate, template, WellKnown.FieldManager);
            }

            SchemaConfigMap.Ensure(_store, template);
        }
        catch (StoreException e) when (e.Code is 409 or 404)
        {
            // changed or gone meanwhile: its store event brings us back
        }
    }

    private static JsonObject Status(JsonObject template, string ns, string name)
    {
        var chart = JsonAccess.String(template, "spec", "helm", "chartSpec", "chart") ?? "";
        var version = JsonAccess.String(template, "spec", "helm", "chartSpec", "version") ?? "";
        var profile = ProviderProfile.All.FirstOrDefault(p => p.Chart == chart);
        if (profile is null || !Version.TryParse(version, out _))
        {
            return new JsonObject
            {
                ["valid"] = false,
                ["validationError"] = $"failed to get HelmChart {ns}/{name}: chart pull error: no '{chart}' chart with version matching '{version}' found",
                ["observedGeneration"] = JsonAccess.Generation(template),
            };
        }

        var status = TemplateObjects.Status(new TemplateSeed(profile, version, TemplateCatalog.Newest(profile).K0sVersion), ns);
        ((JsonObject)status["chartRef"]!)["name"] = name;
        status["observedGeneration"] = JsonAccess.Generation(template);
        if (JsonAccess.String(template, "spec", "k8sVersion") is { Length: > 0 } k8s)
        {
            status["k8sVersion"] = k8s;
        }

        return status;
    }
}
