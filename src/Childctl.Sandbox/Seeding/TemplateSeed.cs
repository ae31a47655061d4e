using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>One stock ClusterTemplate the sandbox installs; a validation error makes it an invalid one.</summary>
internal sealed record TemplateSeed(ProviderProfile Profile, string Version, string K0sVersion, string? ValidationError = null)
{
    /// <summary>k0rdent's naming: chart name plus the chart version with dots as dashes (REFERENCE.md §9).</summary>
    public string Name => $"{Profile.Chart}-{Version.Replace('.', '-')}";

    public bool Valid => ValidationError is null;
}
