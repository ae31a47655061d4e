using Childctl.Core.Api;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Listing;

/// <summary>ClusterTemplates in scope (sorted by namespace then name) and the upgrade targets the chains offer.</summary>
public sealed record TemplateListing(string? Namespace, IReadOnlyList<ClusterTemplate> Templates, UpgradeChains Upgrades);

/// <summary>The Credentials in scope, sorted by namespace then name.</summary>
public sealed record CredentialListing(string? Namespace, IReadOnlyList<Credential> Credentials);

/// <summary>
/// What a user can create from: <c>templates</c> (ClusterTemplates plus, in parallel, ClusterTemplateChains for upgrade
/// targets; a server that serves no chains yields <see cref="UpgradeChains.NotServed"/> rather than an error) and
/// <c>credentials</c>.
/// </summary>
public sealed class CatalogService(Session session)
{
    public async Task<TemplateListing> ListTemplatesAsync(CancellationToken cancellationToken)
    {
        var ns = session.Scope;
        var templatesTask = session.Api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
        var chainsTask = ReadChainsAsync(ns, cancellationToken);
        await Task.WhenAll(templatesTask, chainsTask);
        var templates = (await templatesTask).Items.Select(ClusterTemplate.Read)
            .OrderBy(t => t.Namespace, StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        return new TemplateListing(ns, templates, await chainsTask);
    }

    public async Task<CredentialListing> ListCredentialsAsync(CancellationToken cancellationToken)
    {
        var ns = session.Scope;
        var list = await session.Api.ListAsync(K0rdentKinds.Credential, ns, null, cancellationToken);
        return new CredentialListing(ns, list.Items.Select(Credential.Read)
            .OrderBy(c => c.Namespace, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList());
    }

    private async Task<UpgradeChains> ReadChainsAsync(string? ns, CancellationToken cancellationToken)
    {
        try
        {
            var chains = await session.Api.ListAsync(K0rdentKinds.ClusterTemplateChain, ns, null, cancellationToken);
            return UpgradeChains.Read(chains.Items);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.PermissionDenied)
        {
            return UpgradeChains.NotServed;
        }
    }
}
