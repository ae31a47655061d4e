using k8s;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Adds <see cref="CoreJsonContext"/> to the client's serializer options exactly once, before the first call:
/// registering after the first (de)serialisation throws, and without it every custom-object call fails under AOT.
/// </summary>
internal static class KubernetesJsonSetup
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }

        lock (Gate)
        {
            if (!_registered)
            {
                KubernetesJson.AddJsonOptions(o => o.TypeInfoResolverChain.Add(CoreJsonContext.Default));
                Volatile.Write(ref _registered, true);
            }
        }
    }
}
