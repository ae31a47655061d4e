using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

public sealed class KubectlWaitAndWatchTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private static readonly ResourceType CdType = ResourceType.ClusterDeployment;
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Wait_for_Ready_returns_when_the_condition_is_already_met()
    {
        SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("wr-1", "kcm-system", "dev", ready: true));
        var r = await _kubectl.RunAsync("wait", "--for=condition=Ready", "cld/wr-1", "--timeout=30s");
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/wr-1 condition met\n"), (r.ExitCode, r.StdOut));
    }

    [Fact]
    public async Task Wait_for_Ready_ignores_a_condition_from_an_older_generation_until_it_catches_up()
    {
        var obj = SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("wr-2", "kcm-system", "dev", ready: true));
        obj["spec"]!["template"] = "aws-standalone-cp-1-0-44";
        obj = f.Store.Update(CdType, obj, "test");
        Assert.Equal(2, obj["metadata"]!["generation"]!.GetValue<long>());

        var stale = await _kubectl.RunAsync("wait", "--for=condition=Ready", "cld/wr-2", "--timeout=1s");
        Assert.Equal((1, "error: timed out waiting for the condition on clusterdeployments/wr-2\n"), (stale.ExitCode, stale.StdErr));

        var waiting = _kubectl.RunAsync("wait", "--for=condition=Ready", "cld/wr-2", "--timeout=60s");
        obj["status"] = SeededObjects.ReadyStatus(observedGeneration: 2);
        f.Store.UpdateStatus(CdType, obj, "test-controller");
        var met = await waiting;
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/wr-2 condition met\n"), (met.ExitCode, met.StdOut));
    }

    [Fact]
    public async Task Wait_for_delete_returns_once_the_finalizer_is_removed()
    {
        var obj = SeededObjects.Cd("wd-1", "kcm-system", "dev", ready: false);
        obj["metadata"]!["finalizers"] = new JsonArray("k0rdent.mirantis.com/cluster-deployment");
        f.Store.Create(CdType, obj, "test");
        var terminating = f.Store.Delete(CdType, "kcm-system", "wd-1");

        var watches = f.Store.SubscriberCount;
        var waiting = _kubectl.RunAsync("wait", "--for=delete", "cld/wd-1", "--timeout=60s");
        await UntilWatchingAsync(f.Store, watches);
        terminating["metadata"]!.AsObject().Remove("finalizers");
        f.Store.Update(CdType, terminating, "test-controller");

        var r = await waiting;
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/wd-1 condition met\n"), (r.ExitCode, r.StdOut));
    }

    [Fact]
    public async Task Get_watch_prints_a_change_as_a_new_row()
    {
        var obj = SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("gw-1", "kcm-system", "dev", ready: false));
        var watches = f.Store.SubscriberCount;
        await using var watch = _kubectl.Start("get", "cld", "gw-1", "-w");

        var header = await watch.WaitForLineAsync(l => l.StartsWith("NAME", StringComparison.Ordinal));
        await watch.WaitForLineAsync(l => l.StartsWith("gw-1", StringComparison.Ordinal));
        await UntilWatchingAsync(f.Store, watches);
        obj["status"] = SeededObjects.ReadyStatus(observedGeneration: 1);
        f.Store.UpdateStatus(CdType, obj, "test-controller");
        var changed = await watch.WaitForLineAsync(l => l.StartsWith("gw-1", StringComparison.Ordinal));

        Assert.Matches(@"^NAME\s+READY\s+SERVICES\s+TEMPLATE\s+MESSAGES\s+AGE$", header);
        Assert.Matches(@"^gw-1\s+True\s+1/1\s+aws-standalone-cp-1-0-43\s+Object is ready\s+\d+s$", changed);
    }

    [Fact]
    public async Task Get_watch_of_a_collection_sees_new_objects()
    {
        var watches = f.Store.SubscriberCount;
        await using var watch = _kubectl.Start("get", "cld", "-l", "env=watched", "-w", "--watch-only");
        await UntilWatchingAsync(f.Store, watches);
        SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("gw-2", "kcm-system", "watched", ready: false));
        SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("gw-3", "kcm-system", "other", ready: false));
        SeededObjects.Create(f.Store, CdType, SeededObjects.Cd("gw-4", "kcm-system", "watched", ready: false));

        Assert.StartsWith("gw-2", await watch.WaitForLineAsync(l => l.StartsWith("gw-", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("gw-4", await watch.WaitForLineAsync(l => l.StartsWith("gw-", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
