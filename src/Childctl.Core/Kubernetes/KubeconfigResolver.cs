using Childctl.Core.Errors;
using k8s;
using k8s.KubeConfigModels;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Finds the management cluster the way kubectl does: <c>--kubeconfig</c>, else every file in
/// <c>$KUBECONFIG</c> (merged, first wins), else <c>~/.kube/config</c>; <c>--context</c>, else the current
/// context; <c>-n</c>, else the context's namespace, else <c>kcm-system</c>.
/// </summary>
public static class KubeconfigResolver
{
    public const string FallbackNamespace = "kcm-system";

    public static ManagementCluster Resolve(string? kubeconfigPath, string? contextName, string? explicitNamespace, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = LocateFiles(kubeconfigPath, environment);
        var config = Load(files);
        var name = string.IsNullOrEmpty(contextName) ? config.CurrentContext : contextName;
        if (string.IsNullOrEmpty(name))
        {
            throw ChildctlException.InvalidInput(
                $"kubeconfig {Describe(files)} has no current context: pass --context (one of: {ContextNames(config)})");
        }

        var context = config.Contexts?.FirstOrDefault(c => c.Name == name)
            ?? throw ChildctlException.InvalidInput(
                $"context \"{name}\" not found in kubeconfig {Describe(files)} (available: {ContextNames(config)})");
        var clusterName = context.ContextDetails?.Cluster ?? string.Empty;
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == clusterName)
            ?? throw ChildctlException.InvalidInput(
                $"context \"{name}\" refers to cluster \"{clusterName}\", which is not in kubeconfig {Describe(files)}");
        var server = cluster.ClusterEndpoint?.Server;
        if (string.IsNullOrEmpty(server))
        {
            throw ChildctlException.InvalidInput($"cluster \"{clusterName}\" in kubeconfig {Describe(files)} has no server URL");
        }

        var ns = !string.IsNullOrEmpty(explicitNamespace) ? explicitNamespace
            : !string.IsNullOrEmpty(context.ContextDetails?.Namespace) ? context.ContextDetails.Namespace
            : FallbackNamespace;
        var clientConfig = Build(config, name, files);
        return new ManagementCluster(name, clusterName, server, ns, clientConfig);
    }

    private static FileInfo[] LocateFiles(string? kubeconfigPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath))
        {
            var file = new FileInfo(kubeconfigPath);
            return file.Exists
                ? [file]
                : throw ChildctlException.InvalidInput($"kubeconfig {kubeconfigPath} does not exist: check --kubeconfig");
        }

        var fromEnv = environment("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var files = fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new FileInfo(p))
                .Where(f => f.Exists)
                .ToArray();
            return files.Length > 0
                ? files
                : throw ChildctlException.InvalidInput($"no file named in KUBECONFIG ({fromEnv}) exists: set KUBECONFIG or pass --kubeconfig");
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var fallback = new FileInfo(Path.Combine(home, ".kube", "config"));
        return fallback.Exists
            ? [fallback]
            : throw ChildctlException.InvalidInput(
                $"no kubeconfig found ({fallback.FullName} does not exist): pass --kubeconfig, set KUBECONFIG, or start one with 'childctl sandbox up'");
    }

    private static K8SConfiguration Load(FileInfo[] files)
    {
        try
        {
            var merged = KubernetesClientConfiguration.LoadKubeConfig(files[0]);
            foreach (var file in files.Skip(1))
            {
                Merge(merged, KubernetesClientConfiguration.LoadKubeConfig(file));
            }

            return merged;
        }
        catch (Exception e) when (e is not ChildctlException and not OutOfMemoryException)
        {
            throw ChildctlException.InvalidInput($"kubeconfig {Describe(files)} could not be read: {FirstLine(e.Message)}");
        }
    }

    /// <summary>kubectl's merge rule for KUBECONFIG lists: the first file to define a name wins.</summary>
    private static void Merge(K8SConfiguration into, K8SConfiguration from)
    {
        if (string.IsNullOrEmpty(into.CurrentContext))
        {
            into.CurrentContext = from.CurrentContext;
        }

        into.Contexts = Union(into.Contexts, from.Contexts, c => c.Name);
        into.Clusters = Union(into.Clusters, from.Clusters, c => c.Name);
        into.Users = Union(into.Users, from.Users, u => u.Name);
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? second, Func<T, string> name)
    {
        var result = (first ?? []).ToList();
        var seen = new HashSet<string>(result.Select(name), StringComparer.Ordinal);
        result.AddRange((second ?? []).Where(item => seen.Add(name(item))));
        return result;
    }

    private static KubernetesClientConfiguration Build(K8SConfiguration config, string contextName, FileInfo[] files)
    {
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(config, contextName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ChildctlException.InvalidInput(
                $"context \"{contextName}\" in kubeconfig {Describe(files)} is not usable: {FirstLine(e.Message)}");
        }
    }

    private static string ContextNames(K8SConfiguration config)
    {
        var names = config.Contexts?.Select(c => c.Name).Where(n => !string.IsNullOrEmpty(n)).ToList() ?? [];
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Describe(FileInfo[] files) => string.Join(Path.PathSeparator, files.Select(f => f.FullName));

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
