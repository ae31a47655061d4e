using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

/// <summary>
/// Runs the real root command with a fixed clock and user, a kubeconfig naming an EKS-style management cluster
/// (never contacted), and a temporary history folder.
/// </summary>
internal sealed class HistoryCli : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 7, 11, 16, 0, 0, TimeSpan.Zero);
    public const string Mc = "arn:aws:eks:us-west-2:123456789012:cluster/k0rdent-mgmt";
    private readonly TempDirectory _dir = new("childctl-cli-history");

    public HistoryCli(bool withKubeconfig = true)
    {
        Kubeconfig = _dir.Combine("kubeconfig");
        if (withKubeconfig)
        {
            File.WriteAllText(Kubeconfig, $$"""
                apiVersion: v1
                kind: Config
                current-context: mgmt
                contexts:
                - name: mgmt
                  context: {cluster: "{{Mc}}", user: admin}
                clusters:
                - name: "{{Mc}}"
                  cluster: {server: "https://127.0.0.1:1"}
                users:
                - name: admin
                  user: {token: not-used}
                """);
        }
    }

    public string Root => _dir.Path;

    public string Kubeconfig { get; }

    public string HistoryDir => _dir.Combine("history");

    public DateTimeOffset Time { get; set; } = Now;

    /// <summary>Whether stdout is a terminal (colour is on for tables then).</summary>
    public bool Terminal { get; set; }

    /// <summary>Runs with the world's clock (fixed unless a test moves it), user rbias and the temp folder shown as &lt;tmp&gt;.</summary>
    public Task<CliResult> RunAsync(params string[] args)
    {
        var cli = TestCli.InHome(_dir.Path, Kubeconfig);
        cli.Environment["CHILDCTL_HISTORY_DIR"] = HistoryDir;
        cli.Time = new TestClock(Time);
        cli.UserName = "rbias";
        cli.StdoutIsTerminal = Terminal;
        cli.Masks.Add((_dir.Path, "<tmp>"));
        return cli.RunAsync(args);
    }

    public void Dispose() => _dir.Dispose();
}
