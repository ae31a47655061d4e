using Childctl.Cli.Output;
using Childctl.Cli.Output.Audit;
using Childctl.Cli.Tests.Output;
using Childctl.Core.Operations.Audit;

namespace Childctl.Cli.Tests.Audit;

public class AuditColorTests
{
    private static readonly AuditReport Report = new("mgmt", "kcm-system", DateTimeOffset.UnixEpoch,
    [
        new AuditFinding("kcm-system", "a", AuditClass.InStep, "2 events recorded for this uid"),
        new AuditFinding("kcm-system", "b", AuditClass.ChangedElsewhere, "generation 1 → 2"),
        new AuditFinding("kcm-system", "c", AuditClass.DeletedElsewhere, "gone"),
        new AuditFinding("kcm-system", "d", AuditClass.Recreated, "new uid"),
        new AuditFinding("kcm-system", "e", AuditClass.CreatedElsewhere, "by kubectl"),
    ], Recorded: null);

    [Fact]
    public void Audit_WhenOnATerminal_ColoursChangesYellowAndGoneOrReplacedRed()
    {
        var colored = AuditRenderer.Render(Report, OutputFormat.Table, color: true);

        Assert.Matches(@"\na +in step +-", colored);
        Assert.Contains("\e[33mchanged elsewhere\e[0m", colored, StringComparison.Ordinal);
        Assert.Contains("\e[33mcreated elsewhere\e[0m", colored, StringComparison.Ordinal);
        Assert.Contains("\e[31mdeleted elsewhere\e[0m", colored, StringComparison.Ordinal);
        Assert.Contains("\e[31mrecreated\e[0m", colored, StringComparison.Ordinal);
        Assert.Equal(AuditRenderer.Render(Report, OutputFormat.Table), AnsiText.Strip(colored));
    }

    [Theory]
    [InlineData(OutputFormat.Json)]
    [InlineData(OutputFormat.Yaml)]
    [InlineData(OutputFormat.Name)]
    public void Audit_WhenOutputIsStructured_IsNeverColoured(OutputFormat format)
    {
        Assert.False(AnsiText.HasColor(AuditRenderer.Render(Report, format, color: true)));
    }
}
