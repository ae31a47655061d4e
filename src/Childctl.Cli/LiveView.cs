using Childctl.Core.History;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.History.Store;

namespace Childctl.Cli;

/// <summary>
/// What every live-view command needs from the global options: the management cluster (kubeconfig, context,
/// namespace), a façade configured with --request-timeout and the host's clock, the namespace scope (-A → all),
/// and the local history reader.
/// </summary>
internal static class LiveView
{
    public static ManagementApi Connect(CliContext context)
    {
        var cluster = ManagementApi.Resolve(context.KubeconfigPath, context.ContextName, context.ExplicitNamespace, context.Host.GetEnvironmentVariable);
        return new ManagementApi(cluster, new ApiOptions { RequestTimeout = context.RequestTimeout, Time = context.Host.Time });
    }

    /// <summary>The namespace to read, or null for all namespaces (-A).</summary>
    public static string? Scope(CliContext context, ManagementApi api) => context.AllNamespaces ? null : api.Cluster.DefaultNamespace;

    public static IClusterHistory History(CliContext context) => new FileClusterHistory(new FileHistoryStore(context.HistoryDirectory, context.Host.Time));

    /// <summary>kubectl's "No resources found" line, on stderr so that stdout stays data.</summary>
    public static Task ReportEmptyAsync(CliContext context, string what, string? scope) =>
        context.Host.Err.WriteLineAsync(scope is null ? $"No {what} found in any namespace." : $"No {what} found in namespace {scope}.");

    public static DateTimeOffset Now(CliContext context) => context.Host.Time.GetUtcNow();
}
