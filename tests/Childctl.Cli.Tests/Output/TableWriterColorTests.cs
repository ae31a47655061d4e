using Childctl.Cli.Output;

namespace Childctl.Cli.Tests.Output;

public class TableWriterColorTests
{
    private static TableWriter Table()
    {
        var table = new TableWriter("NAME", "PHASE", "MESSAGE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[1]));
        table.AddRow("a-long-name", "Ready", "Object is ready");
        table.AddRow("b", "Failed", "quota\nexceeded");
        table.AddRow("c", "Provisioning", null);
        return table;
    }

    [Fact]
    public void Render_WhenColoured_PaintsOnlyStyledCellsAndLinesUpAsThePlainTable()
    {
        var table = Table();

        var colored = table.Render(color: true);

        Assert.Equal(
            "NAME          PHASE          MESSAGE\n" +
            "a-long-name   \e[32mReady\e[0m          Object is ready\n" +
            "b             \e[31mFailed\e[0m         quota exceeded\n" +
            "c             \e[33mProvisioning\e[0m\n",
            colored);
        Assert.Equal(table.Render(), AnsiText.Strip(colored));
    }

    [Fact]
    public void Render_WhenNotColoured_IgnoresTheStyles()
    {
        Assert.False(AnsiText.HasColor(Table().Render()));
    }

    [Fact]
    public void StyleColumn_WhenTheHeaderIsUnknown_Throws()
    {
        var table = new TableWriter("NAME");

        Assert.Throws<ArgumentException>(() => table.StyleColumn("PHASE", _ => CellStyle.Good));
    }
}
