using Childctl.Core.ClusterDeployments;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Picks and checks the Credential of a cluster's spec. Named: it must exist (NotFound), fit the template's cloud
/// (InvalidInput naming both and the Credentials that fit) and be ready (InvalidInput with k0rdent's reason). Not named: the one ready Credential whose identity kind fits the cloud (REFERENCE.md §10); when
/// there is none or more than one, the error lists the candidates and their readiness.
/// </summary>
internal static class CredentialResolver
{
    public static Credential Resolve(IReadOnlyList<Credential> credentials, string ns, CloudProvider? provider, string? requested, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (requested is not null)
        {
            var named = credentials.FirstOrDefault(c => c.Name == requested)
                ?? throw ChildctlException.NotFound(
                    $"Credential \"{requested}\" not found in namespace \"{ns}\" (available: {Describe(credentials)}); 'childctl credentials -n {ns}' lists them");
            if (provider is not null && !Fits(named, provider))
            {
                throw Misfit(credentials, named, provider, template);
            }

            return named.Ready
                ? named
                : throw ChildctlException.InvalidInput(
                    $"Credential \"{requested}\" in namespace \"{ns}\" is not ready" + (named.ReadyMessage is { } why ? $": {why}" : string.Empty));
        }

        if (provider is null)
        {
            throw ChildctlException.InvalidInput("spec.credential is not set and the template names no known cloud: set spec.credential");
        }

        var fitting = credentials.Where(c => Fits(c, provider)).ToList();
        var ready = fitting.Where(c => c.Ready).ToList();
        if (ready.Count > 1)
        {
            var named = ready.Where(c => c.Name.Contains(provider.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            ready = named.Count == 1 ? named : ready;
        }

        return ready.Count switch
        {
            1 => ready[0],
            0 => throw ChildctlException.NotFound(
                $"no ready {provider.Name} Credential in namespace \"{ns}\" (candidates: {Describe(fitting)}); create one or pass --credential"),
            _ => throw ChildctlException.InvalidInput(
                $"several ready {provider.Name} Credentials in namespace \"{ns}\" ({Describe(ready)}): pass --credential to choose"),
        };
    }

    /// <summary>Whether a Credential's identity can serve the cloud (REFERENCE.md §10, as <see cref="CloudProvider.IdentityKinds"/> lists them).</summary>
    public static bool Fits(Credential credential, CloudProvider provider)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(provider);
        return provider.IdentityKinds.Contains(credential.IdentityKind ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>
    /// A named Credential whose identity kind the template's cloud does not accept: k0rdent's webhook would refuse it (and
    /// its controller fail CredentialReady), so it is bad input, named with both sides and the Credentials that fit.
    /// </summary>
    private static ChildctlException Misfit(IReadOnlyList<Credential> credentials, Credential named, CloudProvider provider, string? template)
    {
        var fitting = credentials.Where(c => Fits(c, provider)).ToList();
        var kind = named.IdentityKind is { Length: > 0 } k ? k : "none";
        var owners = CloudProvider.All.Where(p => Fits(named, p)).Select(p => p.Name).ToList();
        var forWhat = template is null ? $"{provider.Name} clusters" : $"ClusterTemplate \"{template}\" ({provider.Name})";
        return ChildctlException.InvalidInput(
            $"Credential \"{named.Name}\" (identity kind {kind}{(owners.Count > 0 ? ", for " + string.Join(" or ", owners) : string.Empty)}) does not fit {forWhat}, " +
            $"which accepts identity kinds {string.Join(", ", provider.IdentityKinds)}; Credentials that fit in namespace \"{named.Namespace}\": {Describe(fitting)}");
    }

    private static string Describe(IEnumerable<Credential> credentials)
    {
        var list = credentials.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Ready ? $"{c.Name} (ready)" : $"{c.Name} (not ready{(c.ReadyMessage is { } m ? ": " + m : string.Empty)})")
            .ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
