using System.Text.Json;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.Core.Tests.History;

/// <summary>The one rule for which outcomes of a change are recorded, tested once for every command that changes a cluster.</summary>
/// <remarks>The session's API is a closed port: anything that reads back meets "connection refused".</remarks>
public sealed class RecordedChangeTests : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-recorded-change");
    private readonly InMemoryHistoryStore _store = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_WhenTheChangeSucceeds_RecordsItsRecordOnce()
    {
        var session = Session(_store);

        var result = await RecordedChange.RunAsync(session, Target(uid: "u-1"), _ => Done("scaled"), CancellationToken.None);

        Assert.Equal("scaled", result);
        var e = Assert.Single(await EventsAsync());
        Assert.Equal(("cluster_scaled", "succeeded", "u-1"), (e.Action, e.Result, e.Uid));
    }

    [Fact]
    public async Task RunAsync_WhenTheChangeFailsForAClusterItRead_RecordsTheFailureAndRethrows()
    {
        var session = Session(_store);
        var target = Target(uid: null);

        var error = await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(session, target, _ =>
        {
            target.Uid = "u-2";
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
        var session = Session(_store);

        await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(session, Target(uid: null), _ => Fail(ErrorKind.NotFound, "not found"), CancellationToken.None));

        Assert.Empty(await EventsAsync());
    }

    [Fact]
    public async Task RunAsync_WhenTheNameWasPlanned_RecordsAFailureWithoutAUid()
    {
        var session = Session(_store);
        var target = new RecordedChange.Target("kcm-system", "c", ChangeActions.Create, planned: true);

        await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(session, target, _ => Fail(ErrorKind.NotFound, "no template"), CancellationToken.None));

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

        var error = await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(Session(store), Target(uid: "u-3"), _ =>
        {
            changed = true;
            return Done("scaled");
        }, CancellationToken.None));

        Assert.Equal(ErrorKind.CorruptHistory, error.Kind);
        Assert.False(changed);
    }

    [Fact]
    public async Task RunAsync_WhenTheWriteIsSent_RecordsTheIntentBeforeItAndTheOutcomeAfter()
    {
        var session = Session(_store);
        var seenBeforeWrite = new List<string>();

        await RecordedChange.RunAsync(session, Target(uid: "u-1"), async change =>
        {
            await change.IntendAsync(new Dictionary<string, string> { ["workers_requested"] = "3" });
            await change.SendAsync(async _ =>
            {
                seenBeforeWrite.AddRange((await EventsAsync()).Select(e => $"{e.Action}/{e.Result}"));
                return JsonDocument.Parse("{}").RootElement;
            });
            return ("scaled", new OperationRecord(HistoryActions.ClusterScaled, "u-1", null));
        }, CancellationToken.None);

        Assert.Equal(["cluster_scale_requested/pending"], seenBeforeWrite);
        var events = await EventsAsync();
        Assert.Equal(["cluster_scale_requested/pending", "cluster_scaled/succeeded"], events.Select(e => $"{e.Action}/{e.Result}"));
        Assert.Equal(events[0].Operation, events[1].Operation);
    }

    [Fact]
    public async Task RunAsync_WhenTheIntentCannotBeWritten_SendsNothing()
    {
        var store = new RefusingStore();
        var sent = false;

        var error = await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(Session(store), Target(uid: "u-1"), async change =>
        {
            await change.IntendAsync(null);
            await change.SendAsync(_ =>
            {
                sent = true;
                return Task.FromResult(JsonDocument.Parse("{}").RootElement);
            });
            return ("scaled", (OperationRecord?)null);
        }, CancellationToken.None));

        Assert.False(sent);
        Assert.StartsWith("nothing was sent: the intent could not be recorded in history", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenNoAnswerComesAndReadingBackFails_RecordsUnknownNotFailed()
    {
        var session = Session(_store);

        var error = await Assert.ThrowsAsync<RecordedChange.UnknownOutcomeException>(() => RecordedChange.RunAsync(session, Target(uid: "u-1"), async change =>
        {
            await change.IntendAsync(null);
            await change.SendAsync(_ => throw new ChildctlException(ErrorKind.Unreachable, "the response ended prematurely") { MayHaveApplied = true });
            return ("scaled", (OperationRecord?)null);
        }, CancellationToken.None));

        Assert.Equal(ErrorKind.Unreachable, error.Kind);
        Assert.Equal(["cluster_scale_requested/pending", "cluster_scale_unknown/unknown"], (await EventsAsync()).Select(e => $"{e.Action}/{e.Result}"));
    }

    [Fact]
    public async Task RunAsync_WhenTheServerRefusesTheWrite_RecordsFailedAfterTheIntent()
    {
        var session = Session(_store);

        await Assert.ThrowsAsync<ChildctlException>(() => RecordedChange.RunAsync(session, Target(uid: "u-1"), async change =>
        {
            await change.IntendAsync(null);
            await change.SendAsync(_ => throw new ChildctlException(ErrorKind.PermissionDenied, "permission denied (403)"));
            return ("scaled", (OperationRecord?)null);
        }, CancellationToken.None));

        Assert.Equal(["cluster_scale_requested/pending", "cluster_scale_failed/failed"], (await EventsAsync()).Select(e => $"{e.Action}/{e.Result}"));
    }

    [Fact]
    public async Task RunAsync_WhenAbandonedWhileTheWriteIsInFlight_RecordsUnknownAndIsNotCancelledByTheFirstCtrlC()
    {
        using var interrupt = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        var session = Session(_store, abandon.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RecordedChange.RunAsync(session, Target(uid: "u-1"), async change =>
        {
            await change.IntendAsync(null);
            await change.SendAsync(async ct =>
            {
                await interrupt.CancelAsync();
                Assert.False(ct.IsCancellationRequested);
                await abandon.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return default;
            });
            return ("scaled", (OperationRecord?)null);
        }, interrupt.Token));

        Assert.Equal(["cluster_scale_requested/pending", "cluster_scale_unknown/unknown"], (await EventsAsync()).Select(e => $"{e.Action}/{e.Result}"));
    }

    private static RecordedChange.Target Target(string? uid) => new("kcm-system", "c", ChangeActions.Scale)
    {
        Uid = uid,
        FailureParameters = new Dictionary<string, string> { ["workers_requested"] = "3" },
    };

    private static Task<(string, OperationRecord?)> Done(string result) =>
        Task.FromResult<(string, OperationRecord?)>((result, new OperationRecord(HistoryActions.ClusterScaled, "u-1", null)));

    private static Task<(string, OperationRecord?)> Fail(ErrorKind kind, string message) => throw new ChildctlException(kind, message);

    private Session Session(IHistoryStore store, CancellationToken abandon = default)
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
        var options = new SessionOptions { KubeconfigPath = kubeconfig, HistoryDirectory = _dir.Combine("history"), RequestTimeout = TimeSpan.FromSeconds(2), Abandon = abandon };
        return new Session(options, store, new Kubernetes.ApiOptions { MaxReadRetries = 0 });
    }

    /// <summary>A store whose appends fail as a full disk would, and whose reads and checks pass.</summary>
    private sealed class RefusingStore : IHistoryStore
    {
        private readonly InMemoryHistoryStore _inner = new();

        public Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<Childctl.History.Store.HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new Childctl.History.HistoryException(Childctl.History.HistoryErrorKind.Io, "cannot append: No space left on device");

        public Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IDisposable> HoldChangeAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => _inner.HoldChangeAsync(stream, cancellationToken);

        public IDisposable? TryHoldForSettling(HistoryStreamId stream) => _inner.TryHoldForSettling(stream);

        public Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => _inner.ReadAsync(stream, cancellationToken);

        public IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null) => _inner.ListStreams(managementCluster, ns, name);

        public IReadOnlyList<string> ListManagementClusters() => _inner.ListManagementClusters();
    }

    private async Task<IReadOnlyList<Childctl.History.Store.HistoryEvent>> EventsAsync() =>
        (await _store.ReadAsync(new HistoryStreamId("mgmt", "kcm-system", "c"))).Document?.Events ?? [];
}
