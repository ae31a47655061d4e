using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>Templates and their chain, credentials, statuses, the kubeconfig Secret and Events of the seeded world.</summary>
public partial class LiveViewSandbox
{
    private void SeedTemplates()
    {
        CreateWithStatus(ResourceType.ClusterTemplate, Template(Ns, "azure-standalone-cp-1-0-45", "azure", "1.0.45", valid: true));
        CreateWithStatus(ResourceType.ClusterTemplate, Template(Ns, "aws-standalone-cp-1-0-42", "aws", "1.0.42", valid: true));
        CreateWithStatus(ResourceType.ClusterTemplate, Template(Ns, "aws-standalone-cp-1-0-43", "aws", "1.0.43", valid: true));
        CreateWithStatus(ResourceType.ClusterTemplate, Template(Ns, "gcp-standalone-cp-1-0-43", "gcp", "1.0.43", valid: true));
        CreateWithStatus(ResourceType.ClusterTemplate, Template(Ns, "azure-standalone-cp-1-0-8", "azure", "1.0.8", valid: false));
        CreateWithStatus(ResourceType.ClusterTemplate, Template(OtherNs, "gcp-standalone-cp-1-0-43", "gcp", "1.0.43", valid: true));
        CreateWithStatus(ResourceType.ClusterTemplateChain, new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterTemplateChain",
            ["metadata"] = new JsonObject { ["name"] = "aws-standalone-cp", ["namespace"] = Ns },
            ["spec"] = new JsonObject
            {
                ["supportedTemplates"] = new JsonArray(
                    new JsonObject { ["name"] = "aws-standalone-cp-1-0-42", ["availableUpgrades"] = new JsonArray(new JsonObject { ["name"] = "aws-standalone-cp-1-0-43" }) },
                    new JsonObject { ["name"] = "aws-standalone-cp-1-0-43" }),
            },
            ["status"] = new JsonObject { ["valid"] = true },
        });
    }

    private static JsonObject Template(string ns, string name, string cloud, string version, bool valid)
    {
        var t = Example("clustertemplate-azure-standalone-cp-1-0-45.yaml");
        var metadata = t["metadata"]!.AsObject();
        metadata.Remove("uid");
        metadata.Remove("resourceVersion");
        metadata.Remove("creationTimestamp");
        metadata["name"] = name;
        metadata["namespace"] = ns;
        var chart = $"{cloud}-standalone-cp";
        t["spec"]!["helm"]!["chartSpec"]!["chart"] = chart;
        t["spec"]!["helm"]!["chartSpec"]!["version"] = version;
        var status = t["status"]!.AsObject();
        status["chartVersion"] = version;
        status["chartRef"]!["name"] = name;
        status["providers"] = new JsonArray("bootstrap-k0sproject-k0smotron", "control-plane-k0sproject-k0smotron", $"infrastructure-{cloud}");
        status["valid"] = valid;
        if (!valid)
        {
            status["validationError"] = $"failed to get HelmChart {ns}/{name}: chart version {version} not found";
        }

        return t;
    }

    private void SeedCredentials()
    {
        CreateWithStatus(ResourceType.Credential, Strip(Example("credential-azure-cluster-identity-cred.yaml")));
        var aws = Strip(Example("credential-azure-cluster-identity-cred.yaml"));
        aws["metadata"]!["name"] = "aws-cluster-credential";
        aws["spec"] = new JsonObject
        {
            ["description"] = "AWS static identity",
            ["region"] = "eu-regional",
            ["identityRef"] = new JsonObject
            {
                ["apiVersion"] = "infrastructure.cluster.x-k8s.io/v1beta2", ["kind"] = "AWSClusterStaticIdentity", ["name"] = "aws-cluster-identity",
            },
        };
        CreateWithStatus(ResourceType.Credential, aws);
        var gcp = Strip(Example("credential-azure-cluster-identity-cred.yaml"));
        gcp["metadata"]!["name"] = "gcp-credential";
        gcp["spec"] = new JsonObject
        {
            ["identityRef"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["name"] = "gcp-cloud-sa", ["namespace"] = Ns },
        };
        gcp["status"] = new JsonObject
        {
            ["ready"] = false,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "CredentialReady", ["status"] = "False", ["reason"] = "Failed",
                ["message"] = "ClusterIdentity object of Kind=Secret kcm-system/gcp-cloud-sa not found",
                ["lastTransitionTime"] = "2026-09-01T13:40:12Z", ["observedGeneration"] = 1,
            }),
        };
        CreateWithStatus(ResourceType.Credential, gcp);
    }

    private void SeedStatuses()
    {
        SetStatus(Ns, "azure-eastus-dev", "clusterdeployment-02-provisioning.yaml");
        SetStatus(Ns, "aws-uswest2-prod", "clusterdeployment-03-ready.yaml");
        SetStatus(Ns, "aws-uswest2-test", "clusterdeployment-04-failed.yaml");
        Store.Delete(ResourceType.ClusterDeployment, Ns, "gcp-useast4-stage");
        SetStatus(Ns, "gcp-useast4-stage", "clusterdeployment-05-deleting.yaml");
        SetStatus(OtherNs, "gcp-team-b", "clusterdeployment-03-ready.yaml");

        // Stale Ready: k0rdent said Ready for generation 1, then someone changed the spec.
        SetStatus(Ns, "aws-useast1-stale", "clusterdeployment-03-ready.yaml");
        var stale = Store.Get(ResourceType.ClusterDeployment, Ns, "aws-useast1-stale")!;
        stale["spec"]!["config"]!["workersNumber"] = 5;
        Store.Update(ResourceType.ClusterDeployment, stale, Manager);

        // Dry run: valid input reports Ready=True although nothing is deployed.
        SetStatus(Ns, "azure-dryrun", "clusterdeployment-03-ready.yaml", status =>
        {
            status.Remove("services");
            var conditions = status["conditions"]!.AsArray();
            foreach (var c in conditions.Where(c => (string?)c!["type"] is "HelmReleaseReady" or "CAPIClusterSummary").ToList())
            {
                conditions.Remove(c);
            }

            conditions.Single(c => (string?)c!["type"] == "ServicesInReadyState")!["message"] = "0/0";
        });
    }

    private void SeedSecretAndEvents()
    {
        Store.Create(ResourceType.Secret, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "aws-uswest2-prod-kubeconfig", ["namespace"] = Ns },
            ["type"] = "cluster.x-k8s.io/secret",
            ["data"] = new JsonObject { ["value"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Config\n# secret-kubeconfig-content\n")) },
        }, Manager);
        AddEvent(Ns, "azure-eastus-dev", "Normal", "HelmReleaseCreated", "HelmRelease kcm-system/azure-eastus-dev created", "2026-09-02T09:14:22Z");
        AddEvent(Ns, "azure-eastus-dev", "Normal", "CAPIClusterIsProvisioning", "Cluster kcm-system/azure-eastus-dev is provisioning", "2026-09-02T09:14:25Z");
        AddEvent(Ns, "aws-uswest2-test", "Warning", "ValidationError", "failed to validate template with provided configuration", "2026-09-02T10:41:22Z");
        AddEvent(Ns, "azure-eastus-dev", "Normal", "SuccessfulDelete", "an earlier cluster of this name was deleted", "2026-09-02T08:00:00Z", "uid-of-an-earlier-incarnation");
    }

    private void AddEvent(string ns, string cluster, string type, string reason, string message, string at, string? uid = null)
    {
        var e = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{cluster}.{reason.ToLowerInvariant()}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "k0rdent.mirantis.com/v1beta1", ["kind"] = "ClusterDeployment", ["name"] = cluster, ["namespace"] = ns, ["uid"] = uid ?? Uid(ns, cluster),
            },
            ["type"] = type,
            ["reason"] = reason,
            ["message"] = message,
            ["count"] = 1,
            ["source"] = new JsonObject { ["component"] = "kcm-controller-manager" },
            ["firstTimestamp"] = at,
            ["lastTimestamp"] = at,
        };
        ExampleTimes.Shift(e, Clock.GetUtcNow());
        Store.Create(ResourceType.Event, e, Manager);
    }

    private void SetStatus(string ns, string name, string example, Action<JsonObject>? change = null)
    {
        var status = Example(example)["status"]!.AsObject();
        ExampleTimes.Shift(status, Clock.GetUtcNow());
        change?.Invoke(status);
        var obj = Store.Get(ResourceType.ClusterDeployment, ns, name)!;
        obj["status"] = status.DeepClone();
        Store.UpdateStatus(ResourceType.ClusterDeployment, obj, "kcm-controller");
    }

    private void CreateWithStatus(ResourceType type, JsonObject obj)
    {
        var status = obj["status"]?.DeepClone();
        ExampleTimes.Shift(status, Clock.GetUtcNow());
        obj.Remove("status");
        var created = Store.Create(type, obj, Manager);
        if (status is not null)
        {
            created["status"] = status;
            Store.UpdateStatus(type, created, "kcm-controller");
        }
    }

    private static JsonObject Strip(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp", "generation" })
        {
            metadata.Remove(field);
        }

        return obj;
    }
}
