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

        Assert.True(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(ready, null, sawNotReady: false), CancellationToken.None));
        Assert.False(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(ready, null, sawNotReady: false), CancellationToken.None));
        var later = ExampleObjects.Cluster("clusterdeployment-03-ready.yaml", o => o["metadata"]!["generation"] = 2);
        Assert.True(await recorder.RecordObservedAsync("kcm-system", "aws-uswest2-prod", ObservedTransitions.Ready(later, null, sawNotReady: false), CancellationToken.None));
    }

    [Fact]
    public void Ready_WhenSeenBecomingReadyAtGenerationOne_MeasuresFromCreation()
    {
        var record = ObservedTransitions.Ready(ExampleObjects.Cluster("clusterdeployment-03-ready.yaml"), null, sawNotReady: true);

        Assert.Equal("9m30s", record.Parameters!["time_to_ready"]);
        Assert.Equal("30s", record.Parameters["after_HelmReleaseReady"]);
        Assert.Equal("became Ready after 9m30s", record.Message);
    }

    [Fact]
    public void Ready_WhenAlreadyReadyWhenFirstSeen_LeavesTheDurationUnknown()
    {
        var record = ObservedTransitions.Ready(ExampleObjects.Cluster("clusterdeployment-03-ready.yaml"), null, sawNotReady: false);

        Assert.False(record.Parameters!.ContainsKey("time_to_ready"));
        Assert.False(record.Parameters.ContainsKey("ready_from"));
        Assert.StartsWith("observed Ready (it already was when first seen", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ready_WhenALaterGenerationBecameReadyAfterAChange_MeasuresFromTheChange()
    {
        var cluster = ExampleObjects.Cluster("clusterdeployment-03-ready.yaml", o =>
        {
            o["metadata"]!["generation"] = 2;
            o["status"]!["observedGeneration"] = 2;
        });
        var ready = cluster.FindCondition("Ready")!.LastTransitionTime!.Value;

        var record = ObservedTransitions.Ready(cluster, ready.AddMinutes(-2).AddMilliseconds(300), sawNotReady: true);

        Assert.Equal("2m", record.Parameters!["time_to_ready"]);
    }

    [Fact]
    public void Failed_WhenTheReasonTurnedFailedByAge_DatesItByTheObservationNotByReady()
    {
        // The 30-minute rule: Ready stays False (only its reason changes), CAPI's summary has been False since long before.
        var cluster = ExampleObjects.Cluster("clusterdeployment-02-provisioning.yaml", o =>
        {
            var ready = o["status"]!["conditions"]!.AsArray().Single(c => (string?)c!["type"] == "Ready")!;
            ready["reason"] = "Failed";
        });
        var seen = cluster.CreationTimestamp!.Value.AddMinutes(31);

        var watched = ObservedTransitions.Failed(cluster, "r", seen, sawNotFailed: true);
        var found = ObservedTransitions.Failed(cluster, "r", seen, sawNotFailed: false);

        Assert.Equal(seen.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), watched.Parameters!["failed_at"]);
        Assert.False(found.Parameters!.ContainsKey("failed_at"));
        Assert.True(found.Parameters.ContainsKey("failed_by"));
        Assert.Equal(watched.Identity, found.Identity);
    }

    [Fact]
    public void Failed_WhenAConditionTurnedFalse_DatesItByThatCondition()
    {
        var cluster = ExampleObjects.Cluster("clusterdeployment-04-failed.yaml");
        var helm = cluster.FindCondition("HelmChartReady")!.LastTransitionTime!.Value;

        var record = ObservedTransitions.Failed(cluster, "r", helm.AddHours(5), sawNotFailed: false);

        Assert.Equal(helm.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), record.Parameters!["failed_at"]);
    }

    [Fact]
    public void Deleted_WhenAlreadyGoneWhenLooked_RecordsOnlyABound()
    {
        var at = new DateTimeOffset(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);

        var record = ObservedTransitions.Deleted("u1", null, at.AddMinutes(-5), at, sawItGo: false);

        Assert.False(record.Parameters!.ContainsKey("time_to_delete"));
        Assert.Equal("2026-09-02T12:00:00Z", record.Parameters["gone_at_latest"]);
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
