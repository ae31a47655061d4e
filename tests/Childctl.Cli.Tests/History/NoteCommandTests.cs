using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

public sealed class NoteCommandTests : IDisposable
{
    private readonly HistoryCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Note_WhenTheApiCannotTell_RecordsTheNoteSayingWhyTheUidIsUnknown()
    {
        var result = await _cli.RunAsync("note", "my-cluster", "keep until Friday", "--reason", "capacity test");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("note recorded without a uid: cannot reach the management cluster at https://127.0.0.1:1 (context \"mgmt\"): connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("note added to kcm-system/my-cluster (", result.Stdout, StringComparison.Ordinal);
        var file = Directory.GetFiles(_cli.HistoryDir, "my-cluster.yaml", SearchOption.AllDirectories).Single();
        Golden.Check("note/my-cluster.yaml", System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(file), "[0-9A-Z]{26}", "<ULID>"));
    }

    [Fact]
    public async Task Note_WhenAllNamespaces_IsUsageErrorExit2()
    {
        var result = await _cli.RunAsync("note", "c1", "text", "-A");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: note works on one cluster in one namespace: use -n NAMESPACE instead of -A\n", result.Stderr);
        Assert.False(Directory.Exists(_cli.HistoryDir));
    }

    [Fact]
    public async Task Note_WhenThereIsNoKubeconfig_IsExit2SayingWhy()
    {
        using var cli = new HistoryCli(withKubeconfig: false);

        var result = await cli.RunAsync("note", "my-cluster", "text");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: note needs the kubeconfig to know which management cluster the cluster belongs to: ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.HistoryDir));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("Bad_Name")]
    public async Task Note_WhenTheClusterNameIsInvalid_IsExit2AndWritesNothing(string name)
    {
        var result = await _cli.RunAsync("note", name, "text");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid cluster name", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_cli.HistoryDir) ? Directory.GetFiles(_cli.HistoryDir, "*.yaml", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Note_WhenTheNamespaceIsInvalid_IsExit2()
    {
        var result = await _cli.RunAsync("note", "c1", "text", "-n", "../../etc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid namespace", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_WhenTextReasonOrCommandHoldSecrets_NeverWritesThem()
    {
        const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
        const string Blob = "QUtJQUlPU0ZPRE5ON0VYQU1QTEUvd0phbHJYVXRuRkVNSS9LN01ERU5HL2JQeFJmaUNZ";

        var result = await _cli.RunAsync("note", "c1", $"rotated with --token={Jwt} and Bearer {Blob}", "--reason", "password=hunter2hunter2");

        Assert.Equal(0, result.ExitCode);
        var text = await File.ReadAllTextAsync(Directory.GetFiles(_cli.HistoryDir, "c1.yaml", SearchOption.AllDirectories).Single());
        Assert.DoesNotContain(Jwt, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Blob, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("<redacted>", text, StringComparison.Ordinal);
    }
}
