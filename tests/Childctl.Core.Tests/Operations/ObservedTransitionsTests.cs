using Childctl.Core.History;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Tests.ClusterDeployments;
using Childctl.History.Store;

namespace Childctl.Core.Tests.Operations;

public sealed class ObservedTransitionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("childctl-observed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RecordObserved_WhenTheSameTransitionIsSeenTwice_RecordsItOnceButANewGenerationAgain()
    {
        var store = new InMemoryHistoryStore();
        var recorder = Recorder(store);
        var ready = ExampleObjects.Cluster("clusterdeployment-03-ready.yaml");

        Assert.True(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(ready, null), CancellationToken.None));
        Assert.False(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(ready, null), CancellationToken.None));
        var later = ExampleObjects.Cluster("clusterdeployment-03-ready.yaml", o => o["metadata"]!["generation"] = 2);
        Assert.True(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(later, null), CancellationToken.None));
    }

    [Fact]
    public void Ready_WhenTheClusterIsFresh_MeasuresFromCreation()
    {
        var record = ObservedTransitions.Ready(ExampleObjects.Cluster("clusterdeployment-03-ready.yaml"), null);

        Assert.Equal("9m30s", record.Parameters!["time_to_ready"]);
        Assert.Equal("30s", record.Parameters["after_HelmReleaseReady"]);
        Assert.Equal("became Ready after 9m30s", record.Message);
    }

    private HistoryRecorder Recorder(IHistoryStore store)
    {
        var path = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: mgmt, cluster: {server: "https://10.0.0.1:6443"}}]
            users: [{name: me, user: {token: t}}]
            contexts: [{name: ctx, context: {cluster: mgmt, user: me}}]
            current-context: ctx
            """);
        var session = new Session(new SessionOptions { KubeconfigPath = path, HistoryDirectory = _dir, User = "tester", CommandLine = "childctl wait" }, store);
        return session.Recorder();
    }
}
