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

    public static HistoryRecorder Recorder(CliContext context, ManagementApi api, string? reason)
    {
        var operation = OperationContext.Start(context.Host.Time, context.Host.UserName, context.CommandLine, reason);
        return new HistoryRecorder(new FileHistoryStore(context.HistoryDirectory, context.Host.Time), api.Cluster, operation, context.Host.Time);
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
