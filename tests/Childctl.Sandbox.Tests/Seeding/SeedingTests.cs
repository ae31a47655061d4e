using System.Text.Json.Nodes;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Seeding;
using Childctl.Sandbox.Storage;
using Childctl.Sandbox.Tests.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.Sandbox.Tests.Seeding;

public class SeedingTests
{
    [Fact]
    public async Task EmptyWorld_HasTemplatesAndCredentials_InKcmSystemOnly()
    {
        await using var world = await World.StartAsync();

        var templates = world.Store.List(ResourceType.ClusterTemplate, null);
        Assert.All(templates, t => Assert.Equal("kcm-system", t["metadata"]!["namespace"]!.GetValue<string>()));
        var names = templates.Select(t => t["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("azure-standalone-cp-1-0-45", names);
        Assert.Contains("aws-standalone-cp-1-0-43", names);
        Assert.Contains("gcp-standalone-cp-1-0-43", names);
        Assert.Equal(8, names.Count);
        Assert.Empty(world.Store.List(ResourceType.ClusterDeployment, null));
    }

    [Fact]
    public async Task StockTemplate_HasTheFullStatus()
    {
        await using var world = await World.StartAsync();

        var status = world.Store.Get(ResourceType.ClusterTemplate, "kcm-system", "azure-standalone-cp-1-0-45")!["status"]!;

        Assert.True(status["valid"]!.GetValue<bool>());
        Assert.Equal("1.0.45", status["chartVersion"]!.GetValue<string>());
        Assert.Equal("schema-ct-azure-standalone-cp-1-0-45", status["schemaConfigMapName"]!.GetValue<string>());
        Assert.Equal(["bootstrap-k0sproject-k0smotron", "control-plane-k0sproject-k0smotron", "infrastructure-azure"], status["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("v1beta1", status["providerContracts"]!["infrastructure-azure"]!.GetValue<string>());
        Assert.Equal("v1.36.3+k0s.2", status["config"]!["k0s"]!["version"]!.GetValue<string>());
        Assert.Equal("", status["config"]!["location"]!.GetValue<string>());
        Assert.StartsWith("A KCM template to deploy a k0s cluster on Azure", status["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidTemplate_HasValidFalseAndAnError()
    {
        await using var world = await World.StartAsync();

        var status = world.Store.Get(ResourceType.ClusterTemplate, "kcm-system", "azure-standalone-cp-1-0-46")!["status"]!;

        Assert.False(status["valid"]!.GetValue<bool>());
        Assert.NotEmpty(status["validationError"]!.GetValue<string>());
    }

    [Fact]
    public async Task EverySeededNamespace_HasOneValidChainPerChart()
    {
        await using var world = await World.StartAsync(clusters: 20, controller: false);

        foreach (var ns in new[] { "kcm-system", "team-a", "team-b", "platform" })
        {
            var chains = world.Store.List(ResourceType.ClusterTemplateChain, ns);
            Assert.Equal(["aws-standalone-cp", "azure-standalone-cp", "gcp-standalone-cp"], chains.Select(c => c["metadata"]!["name"]!.GetValue<string>()));
            Assert.All(chains, c => Assert.True(c["status"]!["valid"]!.GetValue<bool>()));
        }

        Assert.Equal(12, world.Running.Seeded.Chains);
    }

    [Fact]
    public async Task AzureChain_StepsOneVersionAtATime_AndLeavesTheBrokenTemplateOut()
    {
        await using var world = await World.StartAsync();

        var chain = world.Store.Get(ResourceType.ClusterTemplateChain, "kcm-system", "azure-standalone-cp")!;

        var paths = chain["spec"]!["supportedTemplates"]!.AsArray().Select(s =>
            $"{s!["name"]} -> [{string.Join(", ", s["availableUpgrades"]?.AsArray().Select(u => u!["name"]!.GetValue<string>()) ?? [])}]");
        Assert.Equal(
            [
                "azure-standalone-cp-1-0-41 -> [azure-standalone-cp-1-0-44]",
                "azure-standalone-cp-1-0-44 -> [azure-standalone-cp-1-0-45]",
                "azure-standalone-cp-1-0-45 -> []",
            ],
            paths);
    }

    [Theory]
    [InlineData("azure-cluster-identity-cred", true, "AzureClusterIdentity")]
    [InlineData("aws-cluster-credential", true, "AWSClusterStaticIdentity")]
    [InlineData("gcp-credential", true, "Secret")]
    [InlineData("azure-legacy-cred", false, "AzureClusterIdentity")]
    public async Task Credentials_AreSeeded_ReadyOrNot(string name, bool ready, string identityKind)
    {
        await using var world = await World.StartAsync();

        var credential = world.Store.Get(ResourceType.Credential, "kcm-system", name)!;

        Assert.Equal(ready, credential["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal(ready ? "True" : "False", credential.Status("CredentialReady"));
        Assert.Equal(identityKind, credential["spec"]!["identityRef"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clusters_AreSpreadOverNamespacesProvidersAndPhases()
    {
        await using var world = await World.StartAsync(clusters: 400, controller: false);

        var clusters = world.Store.List(ResourceType.ClusterDeployment, null);
        Assert.Equal(400, clusters.Count);
        Assert.Equal(400, world.Running.Seeded.ClusterCount);
        Assert.Equal(["kcm-system", "platform", "team-a", "team-b"], clusters.Select(c => c["metadata"]!["namespace"]!.GetValue<string>()).Distinct().Order());
        Assert.Equal(["aws", "azure", "gcp"], clusters.Select(c => c["spec"]!["template"]!.GetValue<string>().Split('-')[0]).Distinct().Order());
        var phases = world.Running.Seeded.Clusters;
        Assert.All(Enum.GetValues<SeedPhase>(), p => Assert.True(phases[p] > 0, $"no {p} cluster"));
        Assert.Equal(phases[SeedPhase.Deleting], clusters.Count(c => c["metadata"]!["deletionTimestamp"] is not null));
        Assert.Equal(phases[SeedPhase.DryRun], clusters.Count(c => c["spec"]!["dryRun"]!.GetValue<bool>()));
        Assert.Equal(phases[SeedPhase.Ready], clusters.Count(c => c.State("Ready") == "True/Succeeded" && !c["spec"]!["dryRun"]!.GetValue<bool>()));
        Assert.Equal(phases[SeedPhase.Failed], clusters.Count(c => c.State("Ready") == "False/Failed"));
        Assert.Equal(phases[SeedPhase.Provisioning], clusters.Count(c => c.Reason("Ready") == "Progressing"));
    }

    [Fact]
    public async Task SmallWorld_HasOneClusterOfEachPhase()
    {
        await using var world = await World.StartAsync(clusters: 5, controller: false);

        Assert.All(world.Running.Seeded.Clusters.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task SeededClusters_LookRealistic()
    {
        await using var world = await World.StartAsync(clusters: 300, controller: false);
        var clusters = world.Store.List(ResourceType.ClusterDeployment, null);

        var ready = clusters.Where(c => c.State("Ready") == "True/Succeeded" && !c["spec"]!["dryRun"]!.GetValue<bool>()).ToList();
        Assert.All(ready, c => Assert.NotNull(world.KubeconfigSecret(c["metadata"]!["name"]!.GetValue<string>(), c["metadata"]!["namespace"]!.GetValue<string>())));
        Assert.Contains(ready, c => c["status"]!["availableUpgrades"] is not null);
        Assert.All(
            ready.Where(c => c["spec"]!["template"]!.GetValue<string>() == "azure-standalone-cp-1-0-41"),
            c => Assert.Equal(["azure-standalone-cp-1-0-44"], c.Upgrades()));
        Assert.Contains(ready, c => c.Generation() == 2 && c.ObservedGeneration() == 2);
        Assert.Contains(ready, c => c["status"]!["services"] is JsonArray { Count: > 0 });
        Assert.All(clusters, c => Assert.True(
            DateTimeOffset.Parse(c["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= World.Start));
        Assert.Contains(clusters, c => c.Message("Ready")?.StartsWith("Cluster is not ready. Check the provider logs", StringComparison.Ordinal) == true);
        Assert.Contains(clusters, c => c.State("TemplateReady") == "False/Failed");
        Assert.Contains(clusters, c => c.State("HelmChartReady") == "False/Failed");
        Assert.Contains(clusters, c => c.State("Deleting") == "True/WaitingForClusterDeletion");
    }

    [Fact]
    public async Task SeededClusters_AreCreatedByPeopleAndGitOps_NotByK0rdentsController()
    {
        await using var world = await World.StartAsync(clusters: 60, controller: false);

        var creators = world.Store.List(ResourceType.ClusterDeployment, null)
            .Select(c => c["metadata"]!["managedFields"]!.AsArray()
                .First(f => f!["operation"]!.GetValue<string>() == "Update" && f["subresource"] is null)!["manager"]!.GetValue<string>())
            .ToList();

        Assert.DoesNotContain(WellKnown.FieldManager, creators);
        Assert.True(creators.Distinct().Count() > 2, string.Join(", ", creators.Distinct()));
    }

    [Fact]
    public async Task SameSeed_SameWorld_OtherSeed_OtherWorld()
    {
        static async Task<List<string>> WorldAsync(int seed)
        {
            await using var world = await World.StartAsync(clusters: 50, controller: false, seed: seed);
            return world.Store.List(ResourceType.ClusterDeployment, null)
                .Select(c => $"{c["metadata"]!["namespace"]}/{c["metadata"]!["name"]} {c.State("Ready")} {c["spec"]!["config"]!.ToJsonString()}")
                .ToList();
        }

        Assert.Equal(await WorldAsync(7), await WorldAsync(7));
        Assert.NotEqual(await WorldAsync(7), await WorldAsync(8));
    }

    [Fact]
    public async Task ControllerStart_WritesNothing_ForSeededClusters()
    {
        var time = new FakeTimeProvider(World.Start);
        var store = new ObjectStore(time);
        var clock = new SimClock(time, 1);
        using var children = ChildAccess.Create(time, new Uri("https://127.0.0.1:6443/"));
        WorldSeeder.Seed(store, new SandboxOptions { Clusters = 300 }, clock, children: children);
        var seededVersion = store.ResourceVersion;

        await using var controller = new WorldController(store, clock, children);
        controller.Start();
        await controller.WhenIdleAsync();

        Assert.Equal(seededVersion, store.ResourceVersion);
    }

    [Fact]
    public async Task SettledClusters_StayUnwritten_WhileOthersProgress()
    {
        await using var world = await World.StartAsync(clusters: 300);
        var before = world.Store.List(ResourceType.ClusterDeployment, null)
            .Where(c => c.State("Ready") is "True/Succeeded" || c.State("HelmChartReady") == "False/Failed")
            .ToDictionary(c => c["metadata"]!["uid"]!.GetValue<string>(), c => c.Rv());

        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(1));

        var after = world.Store.List(ResourceType.ClusterDeployment, null).ToDictionary(c => c["metadata"]!["uid"]!.GetValue<string>(), c => c);
        Assert.All(before, b => Assert.Equal(b.Value, after[b.Key].Rv()));
        Assert.DoesNotContain(after.Values, c => c.Reason("Ready") == "Progressing" && c["metadata"]!["annotations"] is null);
        Assert.DoesNotContain(after.Values, c => c["metadata"]!["deletionTimestamp"] is not null && c["metadata"]!["annotations"] is null);
    }

    [Fact]
    public async Task FiveThousandClusters_AreSeeded()
    {
        await using var world = await World.StartAsync(clusters: 5000);

        Assert.Equal(5000, world.Store.List(ResourceType.ClusterDeployment, null).Count);
        Assert.Equal(5000, world.Running.Seeded.ClusterCount);
        Assert.Equal(5000, world.Running.Seeded.Clusters.Values.Sum());
        Assert.Equal(4 * 4, world.Store.List(ResourceType.Credential, null).Count);
    }
}
