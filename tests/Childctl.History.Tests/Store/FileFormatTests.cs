using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

public sealed class FileFormatTests : IDisposable
{
    private static readonly HistoryStreamId Stream = new("k0rdent-mgmt", "kcm-system", "my-cluster");
    private readonly TempDirectory _dir = new("childctl-format");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Append_WritesTheUsersFormat_HeaderOnceThenOneBlockPerEvent()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Full("01JZ0000000000000000000001")]);
        await store.AppendAsync(Stream, [Events.Note("01JZ0000000000000000000002", minutes: 75)]);

        var text = await File.ReadAllTextAsync(store.PathOf(Stream));

        Golden.Check("format/two-events.yaml", text);
    }

    [Fact]
    public async Task Append_CreatesFile0600InFolders0700()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Note("e1")]);
        var path = store.PathOf(Stream);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(owner, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(_dir.Path, "k0rdent-mgmt")));
    }

    [Fact]
    public async Task Path_IsHistoryDirManagementClusterNamespaceName()
    {
        var store = new FileHistoryStore(_dir.Path);

        await store.AppendAsync(Stream, [Events.Note("e1")]);

        Assert.True(File.Exists(_dir.Combine("k0rdent-mgmt", "kcm-system", "my-cluster.yaml")));
    }
}
