using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>ClusterTemplateChains through real kubectl, with the simulated controller turning them into availableUpgrades.</summary>
public sealed class KubectlChainTests(SandboxFixture f) : IClassFixture<SandboxFixture>
{
    private const string FastTrack = """
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterTemplateChain
        metadata:
          name: azure-fast-track
          namespace: kcm-system
        spec:
          supportedTemplates:
            - name: azure-standalone-cp-1-0-41
              availableUpgrades:
                - name: azure-standalone-cp-1-0-45
            - name: azure-standalone-cp-1-0-45
        """;

    private const string OldAzureCluster = """
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata:
          name: chain-old
          namespace: kcm-system
        spec:
          template: azure-standalone-cp-1-0-41
          credential: azure-cluster-identity-cred
          config:
            location: eastus
            subscriptionID: 00000000-1111-2222-3333-444444444444
            controlPlane: {vmSize: Standard_A4_v2}
            worker: {vmSize: Standard_A4_v2}
        """;

    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Get_lists_the_seeded_chains_with_their_columns()
    {
        var r = await _kubectl.RunAsync("get", "clustertemplatechains");

        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "VALID", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            ["aws-standalone-cp true", "azure-standalone-cp true", "gcp-standalone-cp true"],
            lines.Skip(1).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2])));
    }

    [Fact]
    public async Task Explain_describes_the_chain()
    {
        var r = await _kubectl.RunAsync("explain", "clustertemplatechain.spec.supportedTemplates");

        Assert.Matches(@"availableUpgrades\s+<\[\]Object>", r.StdOut);
        Assert.Matches(@"name\s+<string> -required-", r.StdOut);
    }

    [Fact]
    public async Task Applying_a_chain_gives_the_clusters_of_its_namespace_its_upgrades()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "old.yaml", OldAzureCluster))).ExitCode);
        await UntilAsync(() => Upgrades() == "azure-standalone-cp-1-0-44", "the seeded chain's upgrade");

        var applied = await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "chain.yaml", FastTrack));
        Assert.Equal("clustertemplatechain.k0rdent.mirantis.com/azure-fast-track created\n", applied.StdOut);
        await UntilAsync(() => Upgrades() == "azure-standalone-cp-1-0-44,azure-standalone-cp-1-0-45", "the applied chain's upgrade");

        var valid = await _kubectl.RunAsync("get", "clustertemplatechain", "azure-fast-track", "-o", "jsonpath={.status.valid}");
        Assert.Equal("true", valid.StdOut);
        var deleted = await _kubectl.RunAsync("delete", "clustertemplatechain", "azure-fast-track");
        Assert.Equal(0, deleted.ExitCode);
        await UntilAsync(() => Upgrades() == "azure-standalone-cp-1-0-44", "the deleted chain's upgrade to go");
    }

    private string? Upgrades() =>
        f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "chain-old")?["status"]?["availableUpgrades"] is JsonArray list
            ? string.Join(',', list.Select(u => u!.GetValue<string>()))
            : null;
}
