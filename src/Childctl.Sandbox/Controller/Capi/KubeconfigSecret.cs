using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.ChildApi;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The <c>&lt;name&gt;-kubeconfig</c> Secret the CAPI control-plane provider writes once the control plane is
/// initialised (REFERENCE.md §7): type <c>cluster.x-k8s.io/secret</c>, label <c>cluster.x-k8s.io/cluster-name</c>,
/// data key <c>value</c>. The kubeconfig points at the sandbox's child API (<see cref="ChildAccess"/>), so clients can
/// use it; <see cref="Endpoint"/> is the cloud endpoint the CAPI Cluster reports, which nothing serves.
/// </summary>
internal static class KubeconfigSecret
{
    public static JsonObject Build(CapiContext c, ChildAccess children)
    {
        var kubeconfig = children.Kubeconfig(c.Namespace, c.Name, c.Uid);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = WellKnown.KubeconfigSecretName(c.Name),
                ["namespace"] = c.Namespace,
                ["labels"] = new JsonObject { [WellKnown.CapiClusterNameLabel] = c.Name },
            },
            ["type"] = WellKnown.KubeconfigSecretType,
            ["data"] = new JsonObject { [WellKnown.KubeconfigSecretKey] = Convert.ToBase64String(Encoding.UTF8.GetBytes(kubeconfig)) },
        };
    }

    public static string Endpoint(CapiContext c)
    {
        var random = StableHash.RandomFor(c.Uid + "/endpoint");
        return c.Profile?.Provider switch
        {
            CloudProvider.Azure => $"https://{c.Name}-{StableHash.Hex(random, 8)}.{Or(c.Config.Region, "eastus")}.cloudapp.azure.com:6443",
            CloudProvider.Aws => $"https://{c.Name}-apiserver-{random.Next(100000000, 999999999)}.elb.{Or(c.Config.Region, "us-west-2")}.amazonaws.com:6443",
            _ => $"https://34.{random.Next(1, 255)}.{random.Next(1, 255)}.{random.Next(1, 255)}:6443",
        };
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
