using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// The default values of each stock chart (its values.yaml as JSON), which the template controller publishes
/// in <c>status.config</c>: every key a ClusterDeployment's <c>spec.config</c> can set (REFERENCE.md §9, §11).
/// </summary>
internal static class TemplateDefaults
{
    private const string Network = """
        "clusterNetwork": { "pods": { "cidrBlocks": ["10.244.0.0/16"] }, "services": { "cidrBlocks": ["10.96.0.0/12"] } },
        "clusterLabels": {}, "clusterAnnotations": {}, "controlPlaneNumber": 3, "workersNumber": 2,
        """;

    private const string K0s = """
        "k0s": { "version": "K0S_VERSION", "arch": "amd64", "cpArgs": [], "workerArgs": [], "api": { "extraArgs": {} },
                 "network": { "provider": "calico", "calico": { "mode": "vxlan" } } }
        """;

    private const string AzureMachine = """
        { "vmSize": "", "rootVolumeSize": 30, "sshPublicKey": "",
          "image": { "id": "", "computeGallery": {}, "marketplace": { "publisher": "cncf-upstream", "offer": "capi", "sku": "ubuntu-2204-gen1", "version": "130.3.20240717" } } }
        """;

    private const string AwsMachine = """
        { "amiID": "", "iamInstanceProfile": "IAM_PROFILE", "instanceType": "", "rootVolumeSize": 8, "uncompressedUserData": false,
          "imageLookup": { "format": "", "org": "", "baseOS": "" }, "nonRootVolumes": [] }
        """;

    private const string GcpMachine = """
        { "instanceType": "", "image": "", "imageFamily": "", "publicIP": true, "rootDeviceSize": 30, "rootDeviceType": "pd-standard", "subnet": "" }
        """;

    public static JsonObject For(ProviderProfile profile, string k0sVersion)
    {
        var body = profile.Provider switch
        {
            CloudProvider.Azure => $$"""
                { {{Network}} "clusterIdentity": { "name": "", "namespace": "kcm-system" }, "location": "", "subscriptionID": "",
                  "bastion": { "enabled": false, "bastionSpec": { "azureBastion": {} } },
                  "controlPlane": {{AzureMachine}}, "worker": {{AzureMachine}}, {{K0s}} }
                """,
            CloudProvider.Aws => $$"""
                { {{Network}} "clusterIdentity": { "name": "", "kind": "AWSClusterStaticIdentity" }, "region": "", "sshKeyName": "", "publicIP": false,
                  "bastion": { "enabled": false, "disableIngressRules": true, "allowedCIDRBlocks": [], "instanceType": "t2.micro", "ami": "" },
                  "controlPlane": {{AwsMachine.Replace("IAM_PROFILE", "control-plane.cluster-api-provider-aws.sigs.k8s.io", StringComparison.Ordinal)}},
                  "worker": {{AwsMachine.Replace("IAM_PROFILE", "nodes.cluster-api-provider-aws.sigs.k8s.io", StringComparison.Ordinal)}}, {{K0s}} }
                """,
            _ => $$"""
                { {{Network}} "project": "", "region": "", "network": { "name": "default", "mtu": 1460 }, "additionalLabels": {},
                  "controlPlane": {{GcpMachine}}, "worker": {{GcpMachine}}, {{K0s}} }
                """,
        };
        return JsonNode.Parse(body.Replace("K0S_VERSION", k0sVersion, StringComparison.Ordinal))!.AsObject();
    }
}
