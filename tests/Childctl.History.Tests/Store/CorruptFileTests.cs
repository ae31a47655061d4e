using System.Security.Cryptography;
using System.Text;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

public sealed class CorruptFileTests : IDisposable
{
    private static readonly HistoryStreamId Stream = new("mgmt", "kcm-system", "c1");
    private readonly TempDirectory _dir = new("childctl-corrupt");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, int> Cases() => new()
    {
        { "bad-yaml", 2 },
        { "wrong-type-action", 10 },
        { "wrong-type-events", 3 },
        { "bad-timestamp", 5 },
        { "binary", 1 },
        { "empty", 1 },
        { "huge-line", 2 },
        { "not-history", 1 },
        { "two-documents", 8 },
        { "bad-early-then-torn", 2 },
        { "duplicate-events", 8 },
        { "duplicate-events-then-torn", 8 },
        { "duplicate-field", 7 },
        { "duplicate-parameter", 7 },
        { "duplicate-header", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Read_CorruptFile_NamesFileAndLine_AndLeavesItUnchanged(string kind, int line)
    {
        var (store, path, hash) = await PlantAsync(kind);

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.ReadAsync(Stream));

        Assert.Equal(HistoryErrorKind.Corrupt, error.Kind);
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        Assert.Contains($"{path} is not valid at line {line}", error.Message, StringComparison.Ordinal);
        AssertUntouched(path, hash);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Append_ToCorruptFile_FailsAndLeavesItUnchanged(string kind, int line)
    {
        var (store, path, hash) = await PlantAsync(kind);

        var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("new")]));

        Assert.Equal(HistoryErrorKind.Corrupt, error.Kind);
        Assert.Equal(line, error.Line);
        AssertUntouched(path, hash);
    }

    private void AssertUntouched(string path, string hash)
    {
        Assert.Equal(hash, Hash(path));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.torn-*", SearchOption.AllDirectories));
    }

    private async Task<(FileHistoryStore Store, string Path, string Hash)> PlantAsync(string kind)
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Note("e0")]);
        var path = store.PathOf(Stream);
        await File.WriteAllBytesAsync(path, Content(kind));
        return (store, path, Hash(path));
    }

    private static byte[] Content(string kind)
    {
        const string Block = "  - timestamp: \"2025-07-11T14:30:00Z\"\n    id: e1\n    action: note_added\n    source: childctl\n";
        var text = kind switch
        {
            "bad-yaml" => "cluster_name: c1\nnamespace: [kcm-system\nevents:\n" + Block,
            "wrong-type-action" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block + "  - timestamp: \"2025-07-11T14:31:00Z\"\n    id: e2\n    action: [a, b]\n    source: childctl\n",
            "wrong-type-events" => "cluster_name: c1\nnamespace: kcm-system\nevents: {a: b}\n",
            "bad-timestamp" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n  - id: e1\n    timestamp: \"last tuesday\"\n    action: note_added\n    source: childctl\n",
            "empty" => string.Empty,
            "huge-line" => "cluster_name: c1\n" + new string('x', 2_000_000) + "\nevents:\n",
            "not-history" => "apiVersion: v1\nkind: Config\n",
            "two-documents" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block[..^1] + "\n---\ncluster_name: c2\nevents:\n",
            "bad-early-then-torn" => "cluster_name: c1\nnamespace: [oops\nevents:\n" + Block + "  - timestamp: \"2025",
            "duplicate-events" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block + "events:\n" + Block.Replace("e1", "e2", StringComparison.Ordinal),
            "duplicate-events-then-torn" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block + "events:\n  - timestamp: [unclosed\n",
            "duplicate-field" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block.Replace("    source:", "    action: cluster_deleted\n    source:", StringComparison.Ordinal),
            "duplicate-parameter" => "cluster_name: c1\nnamespace: kcm-system\nevents:\n" + Block.Replace("    source:", "    parameters: {workers: \"2\", workers: \"3\"}\n    source:", StringComparison.Ordinal),
            "duplicate-header" => "cluster_name: c1\nnamespace: kcm-system\ncluster_name: c2\nevents:\n" + Block,
            _ => null,
        };
        if (text is not null)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var junk = new byte[8192];
        new Random(42).NextBytes(junk);
        return junk;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
