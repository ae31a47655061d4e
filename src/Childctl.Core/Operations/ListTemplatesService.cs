using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>templates</c>: ClusterTemplates plus, in parallel, ClusterTemplateChains for upgrade targets. A server that
/// does not serve chains yields <see cref="UpgradeChains.NotServed"/> rather than an error.
/// </summary>
public sealed class ListTemplatesService
{
    private readonly ManagementApi _api;

    public ListTemplatesService(ManagementApi api)
    {
        _api = api;
    }

    public async Task<TemplateListing> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        var templatesTask = _api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
        var chainsTask = ReadChainsAsync(ns, cancellationToken);
        await Task.WhenAll(templatesTask, chainsTask);
        var templates = (await templatesTask).Items.Select(ClusterTemplate.Read)
            .OrderBy(t => t.Namespace, StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        return new TemplateListing(ns, templates, await chainsTask);
    }

    private async Task<UpgradeChains> ReadChainsAsync(string? ns, CancellationToken cancellationToken)
    {
        try
        {
            var chains = await _api.ListAsync(K0rdentKinds.ClusterTemplateChain, ns, null, cancellationToken);
            return UpgradeChains.Read(chains.Items);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.PermissionDenied)
        {
            return UpgradeChains.NotServed;
        }
    }
}
