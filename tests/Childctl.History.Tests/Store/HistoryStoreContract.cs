using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

/// <summary>The behaviour every <see cref="IHistoryStore"/> must have; each backend runs it unchanged.</summary>
public abstract class HistoryStoreContract
{
    protected static readonly HistoryStreamId Stream = new("k0rdent-mgmt", "kcm-system", "my-cluster");

    protected abstract IHistoryStore CreateStore();

    [Fact]
    public async Task Append_ToNewStream_ReturnsVersionZero()
    {
        var store = CreateStore();

        var result = await store.AppendAsync(Stream, [Events.Note("e1")]);

        Assert.Equal(0, result.Version);
        Assert.True(result.Appended);
    }

    [Fact]
    public async Task Append_ThenRead_ReturnsEveryFieldInOrder()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, [Events.Full("e1")]);
        await store.AppendAsync(Stream, [Events.Note("e2", minutes: 1), Events.Note("e3", minutes: 2)]);

        var read = await store.ReadAsync(Stream);

        Assert.True(read.Exists);
        Assert.Equal(["e1", "e2", "e3"], read.Document!.Events.Select(e => e.Id));
        var first = read.Document.Events[0] with { Line = 0 };
        var expected = Events.Full("e1");
        Assert.Equal(expected.Timestamp, first.Timestamp);
        Assert.Equal(expected.Message, first.Message);
        Assert.Equal(expected.ManagementCluster, first.ManagementCluster);
        Assert.Equal(expected.Parameters, first.Parameters);
        Assert.Equal(expected.Flags, first.Flags);
        Assert.Equal((expected.K8sUser, expected.Uid, expected.Operation, expected.Command, expected.Reason, expected.Result), (first.K8sUser, first.Uid, first.Operation, first.Command, first.Reason, first.Result));
    }

    [Fact]
    public async Task Append_SameIdAgain_IsNoOpReturningTheExistingPosition()
    {
        var store = CreateStore();
        var first = await store.AppendAsync(Stream, [Events.Note("e1")]);
        await store.AppendAsync(Stream, [Events.Note("e2")]);

        var again = await store.AppendAsync(Stream, [Events.Note("e1", "different text")]);

        Assert.False(again.Appended);
        Assert.Equal((first.Version, first.Position), (again.Version, again.Position));
        Assert.Equal(2, (await store.ReadAsync(Stream)).Document!.Events.Count);
    }

    [Fact]
    public async Task Append_BatchWhereSomeIdsExist_FailsWithIdConflict()
    {
        var store = CreateStore();
        await store.AppendAsync(Stream, [Events.Note("e1")]);

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("e1"), Events.Note("e2")]));

        Assert.Equal(HistoryErrorKind.IdConflict, error.Kind);
        Assert.Single((await store.ReadAsync(Stream)).Document!.Events);
    }

    [Theory]
    [InlineData(null, "note_added")]
    [InlineData("", "note_added")]
    [InlineData("has space", "note_added")]
    [InlineData("e1", "NoteAdded")]
    [InlineData("e1", "note-added")]
    public async Task Append_InvalidEvent_IsRejectedBeforeWriting(string? id, string action)
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("x") with { Id = id, Action = action }]));

        Assert.Equal(HistoryErrorKind.InvalidEvent, error.Kind);
        Assert.False((await store.ReadAsync(Stream)).Exists);
    }

    [Fact]
    public async Task Append_DuplicateIdsInOneBatch_IsRejected()
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("e1"), Events.Note("e1")]));

        Assert.Equal(HistoryErrorKind.InvalidEvent, error.Kind);
    }

    [Fact]
    public async Task Read_MissingStream_DoesNotExist()
    {
        var read = await CreateStore().ReadAsync(Stream);

        Assert.False(read.Exists);
    }

    [Theory]
    [InlineData("kcm-system", "../etc")]
    [InlineData("kcm-system", "a/b")]
    [InlineData("kcm-system", "..")]
    [InlineData("kcm-system", "Upper")]
    [InlineData("kcm-system", "")]
    [InlineData("kcm-system", "-lead")]
    [InlineData("kcm-system", "a..b")]
    [InlineData("kcm-system", "nul\0byte")]
    [InlineData("../..", "ok")]
    [InlineData("kcm.system", "ok")]
    [InlineData("/abs", "ok")]
    public async Task Append_PathTraversalOrOddName_IsRejected(string ns, string name)
    {
        var store = CreateStore();

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(new HistoryStreamId("mgmt", ns, name), [Events.Note("e1")]));

        Assert.Equal(HistoryErrorKind.InvalidName, error.Kind);
    }

    [Theory]
    [InlineData(null, "../../etc/passwd")]
    [InlineData("..", null)]
    public void ListStreams_TraversalNames_AreRejected(string? ns, string? name)
    {
        var error = Assert.Throws<HistoryException>(() => CreateStore().ListStreams(null, ns, name));

        Assert.Equal(HistoryErrorKind.InvalidName, error.Kind);
    }

    [Fact]
    public async Task Append_RedactsSecretsFromParametersCommandAndText()
    {
        var store = CreateStore();
        var e = Events.Note("e1") with
        {
            Parameters = new Dictionary<string, string> { ["password"] = "hunter2hunter2", ["clientSecret"] = "s3cr3t-value", ["location"] = "eastus" },
            Command = "childctl create azure c1 --token=abc.def.ghi --client-secret hunter2 --location eastus",
            Message = "used Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        };

        await store.AppendAsync(Stream, [e]);
        var stored = (await store.ReadAsync(Stream)).Document!.Events[0];

        Assert.Equal("<redacted>", stored.Parameters!["password"]);
        Assert.Equal("<redacted>", stored.Parameters["clientSecret"]);
        Assert.Equal("eastus", stored.Parameters["location"]);
        Assert.Equal("childctl create azure c1 --token=<redacted> --client-secret <redacted> --location eastus", stored.Command);
        Assert.DoesNotContain("eyJ", stored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListStreams_PerManagementClusterAndAll()
    {
        var store = CreateStore();
        await store.AppendAsync(new HistoryStreamId("mgmt-a", "kcm-system", "c1"), [Events.Note("e1")]);
        await store.AppendAsync(new HistoryStreamId("mgmt-a", "team-b", "c1"), [Events.Note("e2")]);
        await store.AppendAsync(new HistoryStreamId("mgmt-b", "kcm-system", "c2"), [Events.Note("e3")]);

        Assert.Equal(["mgmt-a/kcm-system/c1", "mgmt-a/team-b/c1"], store.ListStreams("mgmt-a").Select(s => s.Stream.ToString()));
        Assert.Equal(3, store.ListStreams().Count);
        Assert.Equal(["mgmt-a", "mgmt-b"], store.ListManagementClusters());
        Assert.Equal(["mgmt-a/kcm-system/c1", "mgmt-a/team-b/c1"], store.ListStreams(name: "c1").Select(s => s.Stream.ToString()));
        Assert.Equal(["mgmt-b/kcm-system/c2"], store.ListStreams(ns: "kcm-system", name: "c2").Select(s => s.Stream.ToString()));
        Assert.Empty(store.ListStreams("mgmt-b", "team-b"));
    }
}

public sealed class InMemoryHistoryStoreTests : HistoryStoreContract
{
    protected override IHistoryStore CreateStore() => new InMemoryHistoryStore();
}

public sealed class FileHistoryStoreTests : HistoryStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new("childctl-history");

    protected override IHistoryStore CreateStore() => new FileHistoryStore(_dir.Path);

    public void Dispose() => _dir.Dispose();
}
