using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>
/// A simulated world on the real store, driven by fake time: advance the clock, then wait until the
/// controller is idle. No sleeps.
/// </summary>
internal sealed class World : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 9, 2, 9, 0, 0, TimeSpan.Zero);

    private World(FakeTimeProvider time, ObjectStore store, RunningWorld running)
    {
        Time = time;
        Store = store;
        Running = running;
    }

    public FakeTimeProvider Time { get; }

    public ObjectStore Store { get; }

    public RunningWorld Running { get; }

    public static async Task<World> StartAsync(int clusters = 0, double speed = 1, bool controller = true, int seed = 42)
    {
        var time = new FakeTimeProvider(Start);
        var store = new ObjectStore(time);
        var options = new SandboxOptions { Clusters = clusters, Speed = speed, EnableController = controller, RandomSeed = seed };
        var world = new World(time, store, SandboxWorld.Start(store, options, time));
        await world.Running.WhenIdleAsync();
        return world;
    }

    /// <summary>Lets the controller finish what it was given at the current time, moves fake time on, and lets it catch up.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await Running.WhenIdleAsync();
        Time.Advance(by);
        await Running.WhenIdleAsync();
    }

    /// <summary>Advances in small steps so that each intermediate state is reconciled at its own time.</summary>
    public async Task AdvanceInStepsAsync(TimeSpan total, TimeSpan step)
    {
        for (var t = TimeSpan.Zero; t < total; t += step)
        {
            await AdvanceAsync(step);
        }
    }

    public async Task<JsonObject> CreateAsync(JsonObject cluster)
    {
        var created = Store.Create(ResourceType.ClusterDeployment, cluster, "test");
        await Running.WhenIdleAsync();
        return created;
    }

    public JsonObject? Get(string name, string ns = "kcm-system") => Store.Get(ResourceType.ClusterDeployment, ns, name);

    public JsonObject Cluster(string name, string ns = "kcm-system") => Get(name, ns) ?? throw new InvalidOperationException($"{ns}/{name} is gone");

    public async Task<JsonObject> UpdateAsync(string name, Action<JsonObject> change, string ns = "kcm-system")
    {
        var cluster = Cluster(name, ns);
        change(cluster);
        var updated = Store.Update(ResourceType.ClusterDeployment, cluster, "test");
        await Running.WhenIdleAsync();
        return updated;
    }

    public async Task DeleteAsync(string name, string ns = "kcm-system")
    {
        Store.Delete(ResourceType.ClusterDeployment, ns, name);
        await Running.WhenIdleAsync();
    }

    public IReadOnlyList<JsonObject> Events(string name, string ns = "kcm-system") =>
        Store.List(ResourceType.Event, ns).Where(e => e["involvedObject"]?["name"]?.GetValue<string>() == name).ToList();

    public JsonObject? KubeconfigSecret(string name, string ns = "kcm-system") => Store.Get(ResourceType.Secret, ns, name + "-kubeconfig");

    public ValueTask DisposeAsync() => Running.DisposeAsync();
}
