using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;
using Childctl.History.Store;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>Core services wired to a sandbox over HTTPS through the official client, with an in-memory history.</summary>
internal sealed class CoreServices : IDisposable
{
    public CoreServices(LifecycleSandbox fixture)
    {
        var cluster = KubeconfigResolver.Resolve(fixture.KubeconfigPath, null, null, _ => null);
        Api = new ManagementApi(cluster, new ApiOptions());
        History = new InMemoryHistoryStore();
        Recorder = new HistoryRecorder(History, cluster, OperationContext.Start(TimeProvider.System, "tester", "childctl test", null), TimeProvider.System);
    }

    public ManagementApi Api { get; }

    public InMemoryHistoryStore History { get; }

    public HistoryRecorder Recorder { get; }

    public void Dispose() => Api.Dispose();
}
