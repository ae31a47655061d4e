namespace Childctl.Cli.Demo;

/// <summary>
/// The lifecycle part of the demo, told with childctl's own commands exactly as a user would type them: what can be
/// created, three clusters on three clouds, a trusted wait, the live views, a kubeconfig (and, with kubectl on PATH,
/// the child's nodes through it), a scale, a note, an upgrade along the template chain, a cluster that fails (the
/// sandbox's failure annotation, through <c>create -f</c>), a change made elsewhere (<see cref="DemoOutOfBandSteps"/>),
/// a planned delete, and the history.
/// </summary>
internal static class DemoLifecycleSteps
{
    private const string Label = "demo=lifecycle";

    public static IReadOnlyList<DemoStep> Steps { get; } =
    [
        Run("What can be created here: ClusterTemplates (newest valid per cloud is the default; upgrade targets from k0rdent's chains) ...", "templates"),
        Run("... and the Credentials they deploy with (the default is the one ready Credential per cloud).", "credentials"),
        Run("Create an Azure cluster with the flags of the old create-azure-child.sh; template and credential are picked live.",
            "create", "azure", "demo-azure", "--location", "eastus", "--subscription-id", "00000000-0000-0000-0000-000000000000",
            "--worker-number", "2", "--cluster-labels", Label, "--reason", "demo: a cluster per cloud"),
        Run("An AWS cluster, on the previous template as an older script would pin it ...", "create", "aws", "demo-aws", "--region", "us-west-2",
            "--cp-number", "1", "--worker-number", "1", "--template", "aws-standalone-cp-1-0-42", "--cluster-labels", Label, "--reason", "demo: a cluster per cloud"),
        Run("... and a GCP one.", "create", "gcp", "demo-gcp", "--region", "us-east4", "--project", "demo-project",
            "--cluster-labels", Label, "--reason", "demo: a cluster per cloud"),
        Run("Wait for a Ready that can be trusted (current generation, after the create); progress on stderr, the outcome recorded.",
            "wait", "demo-azure", "--timeout", "2m"),
        Run("The others come up meanwhile.", "wait", "demo-aws", "--timeout", "2m"),
        Run("And the third.", "wait", "demo-gcp", "--timeout", "2m"),
        Run("Everything is read live from k0rdent: phase, provider, region.", "list"),
        Run("One cluster in detail, with its local history at the end.", "status", "demo-aws"),
        new("Its kubeconfig, into a private file (0600, never overwritten without --force).",
            s => $"childctl kubeconfig demo-aws -f {s.FilePath("demo-aws.kubeconfig")}",
            (s, ct) => s.RunChildctlAsync(["kubeconfig", "demo-aws", "-f", s.FilePath("demo-aws.kubeconfig")], ct)),
        new("It works: the sandbox serves each child cluster's API, one Node per machine.",
            s => $"kubectl --kubeconfig {s.FilePath("demo-aws.kubeconfig")} get nodes",
            (s, ct) => s.RunKubectlAsync(["get", "nodes"], ct, s.FilePath("demo-aws.kubeconfig")),
            When: s => s.Kubectl is not null),
        Run("Scale it; before and after go into history, and the wait trusts only a Ready newer than the change.",
            "scale", "demo-aws", "--workers", "3", "--wait", "--timeout", "2m", "--reason", "more load expected"),
        Run("Operators can add notes.", "note", "demo-aws", "scaled for the load test on Friday"),
        Run("Upgrades go only where k0rdent's ClusterTemplateChains lead (status.availableUpgrades); any other --to is refused with exit 2.",
            "upgrade", "demo-aws", "--list"),
        Run("Upgrade along the chain; from and to go into history.",
            "upgrade", "demo-aws", "--to", "aws-standalone-cp-1-0-43", "--wait", "--timeout", "2m", "--reason", "move to the current release"),
        new("A cluster that fails: the sandbox's failure annotation makes its infrastructure step fail like an AWS VPC quota would.",
            _ => "cat demo-broken.yaml",
            WriteBrokenAsync),
        new("create --wait stops as soon as k0rdent reports the failure, with exit code 7 and the root cause.",
            s => $"childctl create -f {s.FilePath("demo-broken.yaml")} --wait --timeout 2m",
            (s, ct) => s.RunChildctlAsync(["create", "-f", s.FilePath("demo-broken.yaml"), "--wait", "--timeout", "2m"], ct, ExitCodes.ClusterFailed)),
        .. DemoOutOfBandSteps.Steps,
        Run("Bulk delete starts with a plan: exactly these clusters, uid and version pinned. --dry-run stops here.",
            "delete", "-l", Label, "--dry-run"),
        Run("Delete them: each delete carries the planned uid and resourceVersion as preconditions; --wait follows them until gone.",
            "delete", "-l", Label, "--yes", "--wait", "--timeout", "2m", "--reason", "demo finished"),
        Run("And the broken one; history keeps its failure.", "delete", "demo-broken", "--yes", "--wait", "--timeout", "2m", "--reason", "demo finished"),
        Run("History stays after the clusters are gone: who did what, with which parameters and why, and what k0rdent did.",
            "history", "demo-aws"),
    ];

    private static DemoStep Run(string note, params string[] args) =>
        new(note, _ => "childctl " + string.Join(' ', args.Select(Quote)), (s, ct) => s.RunChildctlAsync(args, ct));

    private static async Task WriteBrokenAsync(DemoSession session, CancellationToken cancellationToken)
    {
        const string manifest = """
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata:
              name: demo-broken
              annotations:
                sandbox.childctl.dev/fail-at: infrastructure
                sandbox.childctl.dev/fail-fast: "true"
            spec:
              template: aws-standalone-cp-1-0-43
              config:
                region: us-east-1
                controlPlane: {instanceType: t3.small}
                worker: {instanceType: t3.small}
            """;
        await File.WriteAllTextAsync(session.FilePath("demo-broken.yaml"), manifest + "\n", cancellationToken);
        await session.Host.Out.WriteLineAsync(manifest);
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? arg : $"\"{arg}\"";
}
