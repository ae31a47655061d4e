namespace Childctl.Cli.Demo;

/// <summary>
/// The demo's "someone else changes a cluster" act: a colleague scales a cluster with plain kubectl, then
/// <c>audit</c> notices it (exit 9, differences found), <c>audit --record</c> writes it into history once, and the
/// cluster's history shows it. kubectl plays the other writer; without it on PATH the act is skipped with one line.
/// </summary>
internal static class DemoOutOfBandSteps
{
    private const string Cluster = "demo-gcp";
    private const string Patch = """{"spec":{"config":{"workersNumber":3}}}""";

    public static IReadOnlyList<DemoStep> Steps { get; } =
    [
        new("Someone else changes a cluster: skipped, because kubectl (who plays the other writer) is not on PATH.",
            _ => null, (_, _) => Task.CompletedTask, When: s => s.Kubectl is null),
        new($"Someone else changes a cluster: a colleague scales {Cluster} with plain kubectl, outside childctl.",
            s => $"kubectl --kubeconfig {s.KubeconfigPath} patch clusterdeployment {Cluster} --type merge -p '{Patch}'",
            (s, ct) => s.RunKubectlAsync(["patch", "clusterdeployment", Cluster, "--type", "merge", "-p", Patch], ct),
            When: HasKubectl),
        Audit("audit compares live clusters with local history: who changed what outside childctl. Exit 9 means \"differences found\".",
            "audit"),
        Audit("--record appends each finding to history, once (this run still exits 9; the next finds everything in step).",
            "audit", "--record"),
        new($"{Cluster}'s history now holds the out-of-band change next to what childctl did.",
            _ => $"childctl history {Cluster}",
            (s, ct) => s.RunChildctlAsync(["history", Cluster], ct),
            When: HasKubectl),
    ];

    private static bool HasKubectl(DemoSession session) => session.Kubectl is not null;

    private static DemoStep Audit(string note, params string[] args) =>
        new(note, _ => "childctl " + string.Join(' ', args), (s, ct) => s.RunChildctlAsync(args, ct, ExitCodes.AuditFindings), When: HasKubectl);
}
