using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// The ClusterTemplates of the simulated kcm-templates release: the current versions named as in k0rdent
/// 1.12, older ones to upgrade from, and one broken newer Azure template whose chart is not available, so
/// that "the newest template" has to mean "the newest valid one".
/// </summary>
internal static class TemplateCatalog
{
    private const string Current = "v1.36.3+k0s.2";
    private const string Previous = "v1.35.6+k0s.1";

    public static IReadOnlyList<TemplateSeed> All { get; } =
    [
        new(ProviderProfile.Azure, "1.0.41", "v1.34.8+k0s.0"),
        new(ProviderProfile.Azure, "1.0.44", Previous),
        new(ProviderProfile.Azure, "1.0.45", Current),
        new(ProviderProfile.Azure, "1.0.46", Current,
            "failed to get HelmChart kcm-system/azure-standalone-cp-1-0-46: chart pull error: no 'azure-standalone-cp' chart with version matching '1.0.46' found"),
        new(ProviderProfile.Aws, "1.0.42", Previous),
        new(ProviderProfile.Aws, "1.0.43", Current),
        new(ProviderProfile.Gcp, "1.0.41", Previous),
        new(ProviderProfile.Gcp, "1.0.43", Current),
    ];

    public static TemplateSeed Newest(ProviderProfile profile) =>
        All.Where(t => t.Profile == profile && t.Valid).MaxBy(t => Version.Parse(t.Version))!;

    /// <summary>Valid templates of a provider older than the newest (clusters on them have upgrades).</summary>
    public static IReadOnlyList<TemplateSeed> Older(ProviderProfile profile) =>
        All.Where(t => t.Profile == profile && t.Valid && t != Newest(profile)).ToList();
}

/// <summary>One stock ClusterTemplate the sandbox installs; a validation error makes it an invalid one.</summary>
internal sealed record TemplateSeed(ProviderProfile Profile, string Version, string K0sVersion, string? ValidationError = null)
{
    /// <summary>k0rdent's naming: chart name plus the chart version with dots as dashes (REFERENCE.md §9).</summary>
    public string Name => $"{Profile.Chart}-{Version.Replace('.', '-')}";

    public bool Valid => ValidationError is null;
}
