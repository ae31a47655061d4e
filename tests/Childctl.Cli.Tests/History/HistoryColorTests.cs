using Childctl.Cli.Tests.Output;
using Childctl.History.Store;

namespace Childctl.Cli.Tests.History;

public sealed class HistoryColorTests : IDisposable
{
    private const string Uid = "6a1f3c2e-0000-4000-8000-000000000001";
    private readonly HistoryCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("history", "omega")]
    [InlineData("history")]
    public async Task History_WhenOnATerminal_PaintsAFailedResultRedAndKeepsTheText(params string[] args)
    {
        await SeedAsync();

        _cli.Terminal = true;
        var colored = await _cli.RunAsync(args);
        _cli.Terminal = false;
        var plain = await _cli.RunAsync(args);

        Assert.Equal((0, 0), (colored.ExitCode, plain.ExitCode));
        Assert.Contains("\e[31mfailed\e[0m", colored.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[31msucceeded", colored.Stdout, StringComparison.Ordinal);
        Assert.False(AnsiText.HasColor(plain.Stdout));
        Assert.Equal(plain.Stdout, AnsiText.Strip(colored.Stdout));
    }

    private async Task SeedAsync()
    {
        var store = new FileHistoryStore(_cli.HistoryDir);
        var at = HistoryCli.Now.AddHours(-1);
        await store.AppendAsync(new HistoryStreamId(HistoryCli.Mc, "kcm-system", "omega"),
        [
            new HistoryEvent { Timestamp = at, Id = "01JZCOLOR000000000000000001", Action = "cluster_created", User = "rbias", Uid = Uid, Result = "succeeded" },
            new HistoryEvent { Timestamp = at.AddMinutes(5), Id = "01JZCOLOR000000000000000002", Action = "cluster_delete_failed", User = "rbias", Uid = Uid, Result = "failed" },
        ]);
    }
}
