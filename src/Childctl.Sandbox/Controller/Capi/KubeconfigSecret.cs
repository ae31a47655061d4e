using System.Text;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The <c>&lt;name&gt;-kubeconfig</c> Secret the CAPI control-plane provider writes once the control plane is
/// initialised (REFERENCE.md §7): type <c>cluster.x-k8s.io/secret</c>, label <c>cluster.x-k8s.io/cluster-name</c>,
/// data key <c>value</c>. The kubeconfig is plausible but points at a made-up endpoint that nothing serves.
/// </summary>
internal static class KubeconfigSecret
{
    public static JsonObject Build(CapiContext c)
    {
        var kubeconfig = Kubeconfig(c);
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

    private static string Kubeconfig(CapiContext c)
    {
        var random = StableHash.RandomFor(c.Uid + "/pki");
        var user = c.Name + "-admin";
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {c.Name}
              cluster:
                server: {Endpoint(c)}
                certificate-authority-data: {Pem(random, "CERTIFICATE", 540)}
            contexts:
            - name: {user}@{c.Name}
              context:
                cluster: {c.Name}
                user: {user}
            current-context: {user}@{c.Name}
            preferences: {"{}"}
            users:
            - name: {user}
              user:
                client-certificate-data: {Pem(random, "CERTIFICATE", 560)}
                client-key-data: {Pem(random, "EC PRIVATE KEY", 121)}

            """;
    }

    /// <summary>Base64 of a PEM block filled with random bytes: looks like key material, is not.</summary>
    private static string Pem(Random random, string label, int bytes)
    {
        var body = new byte[bytes];
        random.NextBytes(body);
        var base64 = Convert.ToBase64String(body, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal);
        var pem = $"-----BEGIN {label}-----\n{base64}\n-----END {label}-----\n";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
