using Childctl.Core.Errors;
using Childctl.History.Storage;

namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// The rules names must meet. A new child cluster's name (<see cref="Check"/>) is not only a ClusterDeployment name:
/// k0rdent makes it the Helm release name, the CAPI Cluster name, label values and cloud resource names (resource groups,
/// networks, load balancers), so each failure names the rule it broke. An existing cluster's name need only be a
/// Kubernetes DNS subdomain (<see cref="ExistingNameProblem"/>), a namespace a DNS label (<see cref="NamespaceProblem"/>):
/// anything else is bad input before any API call or file path is made from it.
/// </summary>
public static class ClusterNameRules
{
    /// <summary>Helm refuses release names longer than this (the ClusterDeployment becomes a release of the same name).</summary>
    public const int HelmReleaseMaxLength = 53;

    /// <summary>Returns null when the name is valid, else a one-line explanation naming the rule.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the cluster name is empty";
        }

        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'));
        if (bad != default)
        {
            return $"invalid cluster name \"{name}\": '{bad}' is not allowed; a ClusterDeployment name (a Kubernetes DNS-1123 name) "
                + "uses only lowercase letters, digits, '-' and '.'";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return $"invalid cluster name \"{name}\": a ClusterDeployment name (a Kubernetes DNS-1123 name) must start and end with a letter or digit";
        }

        if (name.Length > HelmReleaseMaxLength)
        {
            return $"invalid cluster name \"{name}\": {name.Length} characters; k0rdent installs the cluster as a Helm release of the same name, "
                + $"and Helm release names are at most {HelmReleaseMaxLength} characters";
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            return $"invalid cluster name \"{name}\": '.' is not allowed; the name becomes the CAPI Cluster's label values and cloud resource names "
                + "(a DNS-1123 label: letters, digits and '-')";
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            return $"invalid cluster name \"{name}\": it must start with a letter, because cloud resource names are made from it "
                + "and some of them (GCP networks and firewalls: DNS-1035 labels) cannot start with a digit";
        }

        return null;
    }

    /// <summary>Throws <see cref="ErrorKind.InvalidInput"/> when <see cref="Check"/> finds a problem.</summary>
    public static void Validate(string? name)
    {
        var problem = Check(name);
        if (problem is not null)
        {
            throw ChildctlException.InvalidInput(problem);
        }
    }

    /// <summary>Why a name cannot be an existing ClusterDeployment's (a DNS subdomain), or null.</summary>
    public static string? ExistingNameProblem(string name) => KubernetesNames.ClusterNameProblem(name);

    /// <summary>Why a namespace cannot exist (a DNS label), or null.</summary>
    public static string? NamespaceProblem(string ns) => KubernetesNames.NamespaceProblem(ns);
}
