using Childctl.Core.Errors;
using Childctl.Core.Kubernetes;
using Childctl.Core.Operations;
using Childctl.History.Store;

namespace Childctl.Cli;

/// <summary>
/// What every lifecycle command needs besides the façade: an operation (id, user, command line, reason) and a history
/// recorder for it, filed under the management cluster the kubeconfig names, in the local history directory.
/// </summary>
internal static class Lifecycle
{
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Starts the operation (its id and start time) and a recorder for it, with the Kubernetes user the server reports.</summary>
    public static async Task<HistoryRecorder> RecorderAsync(CliContext context, ManagementApi api, string? reason, CancellationToken cancellationToken)
    {
        var operation = OperationContext.Start(context.Host.Time, context.Host.UserName, context.CommandLine, reason);
        return new HistoryRecorder(new FileHistoryStore(context.HistoryDirectory, context.Host.Time) { OnWarning = w => context.Host.Err.WriteLine("warning: " + w) }, api.Cluster, operation, context.Host.Time)
        {
            KubernetesUser = await api.WhoAmIAsync(cancellationToken),
        };
    }

    /// <summary>The one namespace a single-cluster command works in; -A makes no sense there.</summary>
    public static string Namespace(CliContext context, ManagementApi api, string command)
    {
        if (context.AllNamespaces)
        {
            throw ChildctlException.InvalidInput($"{command} works on one cluster in one namespace: use -n NAMESPACE instead of -A");
        }

        return api.Cluster.DefaultNamespace;
    }

    /// <summary>kubectl's name for the kind in messages and <c>-o name</c>.</summary>
    public static string ObjectName(string name) => $"{ResourceKind.ClusterDeployment.NamePrefix}/{name}";
}
