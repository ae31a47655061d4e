using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>Manifests written for kubectl -f, and waits on store state (never on the clock).</summary>
internal static class KubectlFiles
{
    public static string Write(string directory, string name, string yaml)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static string Cd(string name, string region = "us-west-2", string extraSpec = "", string ns = "kcm-system") => $"""
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            env: dev
        spec:
          template: aws-standalone-cp-1-0-43
          credential: aws-cred
          config:
            region: {region}
        {extraSpec}
        """;

    /// <summary>Polls the in-process store until <paramref name="condition"/> holds (state, not time, ends the wait).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, cts.Token).ContinueWith(t => Assert.False(t.IsCanceled, $"gave up waiting for {what}"), TaskScheduler.Default);
        }
    }

    /// <summary>Waits until a new watch is open on the store (kubectl has started watching).</summary>
    /// <summary>
    /// Waits until a new watch has subscribed: the count rises above the lowest it has been since <paramref name="before"/>
    /// was read, since an earlier test's watch may only now be noticed gone.
    /// </summary>
    public static Task UntilWatchingAsync(ObjectStore store, int before)
    {
        var lowest = before;
        return UntilAsync(() =>
        {
            var now = store.SubscriberCount;
            lowest = Math.Min(lowest, now);
            return now > lowest;
        }, "kubectl to start watching");
    }
}
