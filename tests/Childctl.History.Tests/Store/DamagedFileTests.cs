using System.Security.Cryptography;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

/// <summary>
/// Files touched by hand or by other tools (docs/history.md, "Damaged and hand-edited files"): each is appended to
/// correctly or refused with one message before anything is written; none is made invalid, none crashes the store.
/// </summary>
public sealed class DamagedFileTests : IDisposable
{
    private const string Block = "  - timestamp: \"2025-07-11T14:30:00Z\"\n    id: e1\n    action: note_added\n    source: childctl\n";
    private const string Header = "cluster_name: c1\nnamespace: kcm-system\n";
    private static readonly HistoryStreamId Stream = new("mgmt", "kcm-system", "c1");
    private readonly TempDirectory _dir = new("childctl-damaged");

    public void Dispose() => _dir.Dispose();

    /// <summary>What <c>yq -i '.owner="x"'</c> leaves: the file rewritten in yq's style, the new key after the events list.</summary>
    private const string YqWithOwner = "cluster_name: c1\nnamespace: kcm-system\nevents:\n  - timestamp: '2025-07-11T14:30:00Z'\n    id: e1\n    action: note_added\n"
        + "    management_cluster:\n      name: mgmt\n      server: https://10.0.0.4:6443\n    source: childctl\nowner: x\n";

    public static TheoryData<string, string, int, string> Refused() => new()
    {
        { "key-after-events", YqWithOwner, 11, "top-level key 'owner' comes after the events list" },
        { "key-after-events-childctl-layout", Header + "events:\n" + Block + "owner: x\n", 8, "move 'owner' (and the lines under it) above 'events:'" },
        { "flow-empty-list", Header + "events: []\n", 3, "flow style or as a value ('events: []')" },
        { "flow-list", Header + "events: [{timestamp: \"2025-07-11T14:30:00Z\", action: note_added}]\n", 3, "flow style" },
        { "another-clusters-header", "cluster_name: c2\nnamespace: kcm-system\nevents:\n" + Block, 1, "its header says cluster_name \"c2\" but the file holds the history of c1" },
        { "another-namespace-header", "cluster_name: c1\nnamespace: team-b\nevents:\n" + Block, 1, "its header says namespace \"team-b\"" },
        { "flow-style-top-level", "{cluster_name: c1, namespace: kcm-system}\n", 2, "an event appended at its end would not parse" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Append_ToFileAnAppendWouldBreak_IsRefusedWithLineAndFix_AndLeavesItValidAndUnchanged(string kind, string content, int line, string problem)
    {
        var (store, path) = await PlantAsync(content);
        var before = Hash(path);
        var readBefore = await store.ReadAsync(Stream);

        var check = await Assert.ThrowsAsync<HistoryException>(() => store.CheckAppendableAsync(Stream));
        var error = await Assert.ThrowsAsync<HistoryException>(() => new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("new")]));

        Assert.Equal((HistoryErrorKind.Corrupt, path, line), (error.Kind, error.Path, error.Line));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, check.Message);
        Assert.Equal(before, Hash(path));
        Assert.Equal(readBefore.Document!.Events.Count, (await store.ReadAsync(Stream)).Document!.Events.Count);
        _ = kind; // names the case in the test output
    }

    public static TheoryData<string, string> Appendable() => new()
    {
        { "no-events-key", Header },
        { "no-events-key-no-final-newline", "cluster_name: c1\nnamespace: kcm-system" },
        { "events-key-at-eof-without-newline", Header + "events:" },
        { "events-null", Header + "events:\n" },
        { "hand-written-last-event-without-final-newline", Header + "events:\n" + Block.Replace("    id: e1\n", string.Empty, StringComparison.Ordinal)[..^1] },
        { "legacy-items-at-indent-0", Header + "events:\n- timestamp: \"2025-07-11T14:30:00Z\"\n  action: cluster_created\n  message: from the bash tools\n" },
        { "comment-after-events", Header + "events:\n" + Block + "# kept by hand\n" },
        { "yq-block-maps-in-events", YqWithOwner.Replace("owner: x\n", string.Empty, StringComparison.Ordinal) },
        { "crlf", (Header + "events:\n" + Block).Replace("\n", "\r\n", StringComparison.Ordinal) },
        { "bom", "\uFEFF" + Header + "events:\n" + Block },
        { "bom-crlf-no-events-key", "\uFEFF" + Header.Replace("\n", "\r\n", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Appendable))]
    public async Task Append_ToHandEditedButSoundFile_KeepsEveryEventAndTheFileValid(string kind, string content)
    {
        var (store, path) = await PlantAsync(content);
        var before = (await store.ReadAsync(Stream)).Document!.Events.Count;
        var original = await File.ReadAllBytesAsync(path);

        await store.CheckAppendableAsync(Stream);
        await store.AppendAsync(Stream, [Events.Note("n1")]);
        await store.AppendAsync(Stream, [Events.Note("n2", minutes: 1)]); // the fast path, after the first append
        await new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("n3", minutes: 2)]); // another process's first touch

        var bytes = await File.ReadAllBytesAsync(path);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var yaml = HistoryFileParser.ParseYaml(path, text); // the general parser, as yq would read it
        Assert.Equal(before + 3, yaml.Events.Count);
        Assert.Equal(["n1", "n2", "n3"], yaml.Events.TakeLast(3).Select(e => e.Id));
        Assert.Equal(original, bytes[..original.Length]); // nothing before the append changed
        Assert.Equal(kind.Contains("crlf", StringComparison.Ordinal), text.Split('\n').SkipLast(1).All(l => l.EndsWith('\r')));
        Assert.Equal(before + 3, (await store.ReadAsync(Stream)).Document!.Events.Count);
    }

    [Fact]
    public async Task Read_SecondYamlDocumentAfterTheLastEvent_IsCorruptNotTorn_AndNothingIsCut()
    {
        var (store, path) = await PlantAsync(Header + "events:\n" + Block + "---\nowner: x\n");
        var before = Hash(path);

        var read = await Assert.ThrowsAsync<HistoryException>(() => store.ReadAsync(Stream));
        var append = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("n1")]));

        Assert.Equal((HistoryErrorKind.Corrupt, 8), (read.Kind, read.Line));
        Assert.Contains("found another ('---')", read.Message, StringComparison.Ordinal);
        Assert.Equal((HistoryErrorKind.Corrupt, 8), (append.Kind, append.Line));
        Assert.Equal(before, Hash(path));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.torn-*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("no-boundary-flow", Header + "events: []\n", 0)]
    [InlineData("no-events-key", Header, 0)]
    [InlineData("events-at-eof", Header + "events:", 0)]
    [InlineData("crlf", Header + "events:\r\n" + "  - timestamp: \"2025-07-11T14:30:00Z\"\r\n    action: note_added\r\n", 1)]
    public async Task Read_FileWithoutAnEventsBoundary_ReadsWithoutAnUnexpectedException(string kind, string content, int events)
    {
        var (store, _) = await PlantAsync(content);

        var read = await store.ReadAsync(Stream);

        Assert.Equal(events, read.Document!.Events.Count);
        Assert.Null(read.TornTail);
        _ = kind; // names the case in the test output
    }

    private async Task<(FileHistoryStore Store, string Path)> PlantAsync(string content)
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Note("e0")]);
        var path = store.PathOf(Stream);
        await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(content));
        return (new FileHistoryStore(_dir.Path), path);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
