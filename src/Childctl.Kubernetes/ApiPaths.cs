using System.Text;

namespace Childctl.Kubernetes;

/// <summary>REST paths and query strings of the reads the façade makes, escaped as the API server expects.</summary>
internal static class ApiPaths
{
    /// <summary><c>apis/g/v[/namespaces/ns]/plural</c>, or <c>api/v1/...</c> for the core group.</summary>
    public static string Collection(ResourceKind kind, string? ns)
    {
        var root = kind.Group.Length == 0 ? $"api/{kind.Version}" : $"apis/{kind.Group}/{kind.Version}";
        return ns is null ? $"{root}/{kind.Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{kind.Plural}";
    }

    public static string Item(ResourceKind kind, string ns, string name) => $"{Collection(kind, ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>Appends the parameters that have a value, e.g. <c>?limit=1000&amp;labelSelector=env%3Ddev</c>.</summary>
    public static string WithQuery(string path, params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return text.ToString();
    }
}
