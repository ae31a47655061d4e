using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.Core.Tests.History;

/// <summary>The one rule for which outcomes of a change are recorded, tested once for every command that changes a cluster.</summary>
public sealed class RecordedChangeTests : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-recorded-change");
    private readonly InMemoryHistoryStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_WhenTheChangeSucceeds_RecordsItsRecordOnce()
    {
        var recorder = Recorder(_store);

        var result = await RecordedChange.RunAsync(recorder, Target(uid: "u-1"), _ => Done("scaled"), CancellationToken.None);

        Assert.Equal("scaled", result);
        var e = Assert.Single(await EventsAsync());
        Assert.Equal(("cluster_scaled", "succeeded", "u-1"), (e.Action, e.Result, e.Uid));
    }

    [Fact]
    public async Task RunAsync_WhenTheChangeFailsForAClusterItRead_RecordsTheFailureAndRethrows()
    {
        var recorder = Recorder(_store);

        var error = await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(recorder, Target(uid: null), t =>
        {
            t.Uid = "u-2";
            return Fail(ErrorKind.PermissionDenied, "permission denied (403)");
        }, CancellationToken.None));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        var e = Assert.Single(await EventsAsync());
        Assert.Equal(("cluster_scale_failed", "failed", "u-2", "permission denied (403)"), (e.Action, e.Result, e.Uid, e.Error));
        Assert.Equal("3", e.Parameters!["workers_requested"]);
    }

    [Fact]
    public async Task RunAsync_WhenItFailsBeforeTheClusterIsKnown_RecordsNothing()
    {
        var recorder = Recorder(_store);

        await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(recorder, Target(uid: null), _ => Fail(ErrorKind.NotFound, "not found"), CancellationToken.None));

        Assert.Empty(await EventsAsync());
    }

    [Fact]
    public async Task RunAsync_WhenTheNameWasPlanned_RecordsAFailureWithoutAUid()
    {
        var recorder = Recorder(_store);
        var target = new RecordedChange.Target("kcm-system", "c", "cluster_create_failed", planned: true);

        await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(recorder, target, _ => Fail(ErrorKind.NotFound, "no template"), CancellationToken.None));

        var e = Assert.Single(await EventsAsync());
        Assert.Equal(("cluster_create_failed", null), (e.Action, e.Uid));
    }

    [Fact]
    public async Task RunAsync_WhenTheHistoryFileCannotTakeTheRecord_MakesNoChange()
    {
        var store = new FileHistoryStore(_dir.Combine("history"));
        var file = store.PathOf(new HistoryStreamId("mgmt", "kcm-system", "c"));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "cluster_name: c\nnamespace: [broken\n");
        var changed = false;

        var error = await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(Recorder(store), Target(uid: "u-3"), _ =>
        {
            changed = true;
            return Done("scaled");
        }, CancellationToken.None));

        Assert.Equal(ErrorKind.CorruptHistory, error.Kind);
        Assert.False(changed);
    }

    private static RecordedChange.Target Target(string? uid) => new("kcm-system", "c", HistoryActions.ClusterScaleFailed)
    {
        Uid = uid,
        FailureParameters = new Dictionary<string, string> { ["workers_requested"] = "3" },
    };

    private static Task<(string, OperationRecord?)> Done(string result) =>
        Task.FromResult<(string, OperationRecord?)>((result, new OperationRecord(HistoryActions.ClusterScaled, "u-1", null)));

    private static Task<(string, OperationRecord?)> Fail(ErrorKind kind, string message) => throw new ChildctlException(kind, message);

    private HistoryRecorder Recorder(IHistoryStore store)
    {
        var kubeconfig = _dir.Combine("kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: mgmt, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: me, user: {token: t}}]
            contexts: [{name: ctx, context: {cluster: mgmt, user: me}}]
            current-context: ctx
            """);
        var options = new SessionOptions { KubeconfigPath = kubeconfig, HistoryDirectory = _dir.Combine("history"), RequestTimeout = TimeSpan.FromSeconds(2) };
        return new Session(options, store, new Kubernetes.ApiOptions { MaxReadRetries = 0 }).Recorder();
    }

    private async Task<IReadOnlyList<Childctl.History.Events.HistoryEvent>> EventsAsync() =>
        (await _store.ReadAsync(new HistoryStreamId("mgmt", "kcm-system", "c"))).Document?.Events ?? [];
}
