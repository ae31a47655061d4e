using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The start of k0rdent's reconcile pipeline (REFERENCE.md §6): load the Credential, check the ClusterTemplate
/// (TemplateReady), fetch the chart and dry-run the values (HelmChartReady), check the Credential is ready
/// (CredentialReady: ready, and its identity kind one the template's infrastructure provider accepts, as k0rdent's
/// controller checks it when its webhooks are off and as its webhook checks it otherwise), then stop for dryRun. The first failure stops the pipeline; later conditions keep the
/// values they had, as in the real controller.
/// </summary>
internal static class Preflight
{
    public static PreflightResult Run(JsonObject cluster, TemplateInfo? template, CredentialInfo? credential, FailureInjection failure)
    {
        var ns = JsonAccess.Namespace(cluster);
        var templateName = JsonAccess.String(cluster, "spec", "template") ?? "";
        var credentialName = JsonAccess.String(cluster, "spec", "credential") ?? "";
        var done = new List<ConditionUpdate>();
        if (credential is null)
        {
            var cause = credentialName.Length == 0 ? "resource name may not be empty" : $"credentials.k0rdent.mirantis.com \"{credentialName}\" not found";
            return Blocked(done, ConditionTypes.CredentialReady, $"failed to get Credential {ns}/{credentialName}: {cause}", "CredentialError");
        }

        if (template is null)
        {
            var message = $"failed to get ClusterTemplate {ns}/{templateName}: clustertemplates.k0rdent.mirantis.com \"{templateName}\" not found";
            return Blocked(done, ConditionTypes.TemplateReady, message, "ClusterTemplateError");
        }

        if (!template.Valid)
        {
            var message = $"ClusterTemplate {ns}/{templateName} is not marked as valid"
                + (template.ValidationError.Length > 0 ? ": " + template.ValidationError : "");
            return Blocked(done, ConditionTypes.TemplateReady, message, "InvalidClusterTemplate");
        }

        done.Add(ConditionUpdate.True(ConditionTypes.TemplateReady));
        if (ChartFailure(cluster, template, failure) is { } chartFailure)
        {
            return Blocked(done, ConditionTypes.HelmChartReady, chartFailure.Message, chartFailure.Reason);
        }

        done.Add(ConditionUpdate.True(ConditionTypes.HelmChartReady));
        if (CredentialProblem(credential, template) is { } problem)
        {
            return Blocked(done, ConditionTypes.CredentialReady, problem.Message, problem.Reason);
        }

        done.Add(ConditionUpdate.True(ConditionTypes.CredentialReady));
        var dryRun = JsonAccess.Bool(cluster, "spec", "dryRun");
        return new PreflightResult(dryRun ? PreflightOutcome.DryRun : PreflightOutcome.Deploy, done, null);
    }

    /// <summary>Not ready, or an identity kind the template's infrastructure provider does not accept.</summary>
    private static EventSpec? CredentialProblem(CredentialInfo credential, TemplateInfo template)
    {
        var key = $"{credential.Namespace}/{credential.Name}";
        if (!credential.Ready)
        {
            return EventSpec.Warning("CredentialNotReady", $"the Credential {key} is not ready");
        }

        return ProviderProfile.IdentityMismatch(credential.IdentityKind, key, template.Providers) is { } mismatch
            ? EventSpec.Warning("CredentialError", "failed to validate Credential: " + mismatch)
            : null;
    }

    private static EventSpec? ChartFailure(JsonObject cluster, TemplateInfo template, FailureInjection failure)
    {
        if (failure.At == FailurePoint.HelmChart)
        {
            var url = $"http://source-controller.kcm-system.svc.cluster.local./helmchart/{template.Namespace}/{template.Name}/{template.Chart}-{template.ChartVersion}.tgz";
            var cause = failure.Message ?? "failed to download artifact: 503 Service Unavailable";
            return EventSpec.Warning("HelmChartDownloadFailed", $"failed to download HelmChart from Artifact {url}: {cause}");
        }

        if (template.Profile is null)
        {
            return null;
        }

        var violations = ValuesValidator.Validate(ChartSchema.Cached(template.Profile), template.Defaults, JsonAccess.At(cluster, "spec", "config") as JsonObject);
        return violations.Count == 0 ? null : EventSpec.Warning("ValidationError", ValuesValidator.FailureMessage(template.Chart, violations));
    }

    private static PreflightResult Blocked(List<ConditionUpdate> done, string type, string message, string warningReason)
    {
        done.Add(ConditionUpdate.False(type, message));
        return new PreflightResult(PreflightOutcome.Blocked, done, EventSpec.Warning(warningReason, message));
    }
}

/// <summary>How far the checks before deploying got: blocked by an error, stopped by dryRun, or clear to deploy.</summary>
internal enum PreflightOutcome
{
    Blocked,
    DryRun,
    Deploy,
}

/// <summary>The conditions the checks set, in pipeline order, and the Warning event for a failed check.</summary>
internal sealed record PreflightResult(PreflightOutcome Outcome, IReadOnlyList<ConditionUpdate> Conditions, EventSpec? Warning);
