using System.Text.Json.Nodes;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// Fills a fresh store with the simulated k0rdent world: in <c>kcm-system</c> the stock ClusterTemplates (with their
/// <c>schema-ct-*</c> ConfigMaps), their ClusterTemplateChains and the Credentials; with pre-seeded clusters also team namespaces, which get the same
/// templates, chains and credentials (as k0rdent's access management would distribute them) and their share of
/// the clusters. Chains come before clusters, whose availableUpgrades are read from them.
/// </summary>
internal static class WorldSeeder
{
    /// <summary>Namespaces that hold pre-seeded clusters besides kcm-system.</summary>
    public static readonly IReadOnlyList<string> TeamNamespaces = ["team-a", "team-b", "platform"];

    /// <param name="capi">Receives, per seeded cluster uid, what was written of its CAPI objects, for the controller to take over.</param>
    /// <param name="children">Where the seeded clusters' kubeconfigs point.</param>
    public static SeedSummary Seed(IObjectStore store, SandboxOptions options, SimClock clock, Dictionary<string, CapiState>? capi = null, ChildAccess? children = null)
    {
        var namespaces = new List<string> { WellKnown.DefaultNamespace };
        if (options.Clusters > 0)
        {
            namespaces.AddRange(TeamNamespaces);
        }

        CapiKinds.InstallDefinitions(store);
        var installedAt = Timestamps.Truncate(clock.Now - TimeSpan.FromDays(120));
        SeedRelease(store, installedAt);
        var templates = 0;
        var chains = 0;
        var credentials = 0;
        foreach (var ns in namespaces)
        {
            EnsureNamespace(store, ns, installedAt);
            templates += SeedTemplates(store, ns, installedAt);
            chains += SeedChains(store, ns, installedAt);
            credentials += SeedCredentials(store, ns, installedAt);
        }

        var clusters = options.Clusters > 0
            ? new ClusterSeeder(store, new ReferenceCache(store), clock, options.RandomSeed, namespaces, capi ?? [],
                children ?? throw new ArgumentNullException(nameof(children), "seeded clusters need a child API for their kubeconfigs")).Seed(options.Clusters)
            : Enum.GetValues<SeedPhase>().ToDictionary(p => p, _ => 0);
        return new SeedSummary(namespaces, templates, chains, credentials, clusters);
    }

    private static void EnsureNamespace(IObjectStore store, string ns, DateTimeOffset createdAt)
    {
        if (store.Get(ResourceType.Namespace, null, ns) is null)
        {
            store.CreateBackdated(ResourceType.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, createdAt, WellKnown.FieldManager);
        }
    }

    /// <summary>The Release the simulated kcm runs and the Management object (kcm) that names it as installed.</summary>
    private static void SeedRelease(IObjectStore store, DateTimeOffset installedAt)
    {
        if (store.Get(ResourceType.Management, null, WellKnown.ManagementName) is not null)
        {
            return;
        }

        var release = store.CreateBackdated(ResourceType.Release, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = SandboxVersion.K0rdentRelease },
            ["spec"] = new JsonObject
            {
                ["version"] = SandboxVersion.K0rdentVersion,
                ["kcm"] = new JsonObject { ["template"] = SandboxVersion.K0rdentRelease },
                ["capi"] = new JsonObject { ["template"] = "cluster-api-1-0-6" },
            },
        }, installedAt, WellKnown.FieldManager);
        release["status"] = new JsonObject { ["ready"] = true, ["observedGeneration"] = 1 };
        store.UpdateStatus(ResourceType.Release, release, WellKnown.FieldManager);

        var management = store.CreateBackdated(ResourceType.Management, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = WellKnown.ManagementName },
            ["spec"] = new JsonObject { ["release"] = SandboxVersion.K0rdentRelease },
        }, installedAt, WellKnown.FieldManager);
        management["status"] = new JsonObject
        {
            ["release"] = SandboxVersion.K0rdentRelease,
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "AllComponentsHealthy", ["message"] = "All components are successfully installed",
                ["lastTransitionTime"] = Timestamps.Write(installedAt + TimeSpan.FromMinutes(3)), ["observedGeneration"] = 1,
            }),
        };
        store.UpdateStatus(ResourceType.Management, management, WellKnown.FieldManager);
    }

    private static int SeedTemplates(IObjectStore store, string ns, DateTimeOffset createdAt)
    {
        foreach (var seed in TemplateCatalog.All)
        {
            var created = store.CreateBackdated(ResourceType.ClusterTemplate, TemplateObjects.Object(seed, ns), createdAt, WellKnown.FieldManager);
            created["status"] = TemplateObjects.Status(seed, ns);
            SchemaConfigMap.Ensure(store, store.UpdateStatus(ResourceType.ClusterTemplate, created, WellKnown.FieldManager), createdAt);
        }

        return TemplateCatalog.All.Count;
    }

    private static int SeedChains(IObjectStore store, string ns, DateTimeOffset createdAt)
    {
        var count = 0;
        foreach (var chain in ChainObjects.For(ns))
        {
            var created = store.CreateBackdated(ResourceType.ClusterTemplateChain, chain, createdAt, WellKnown.FieldManager);
            created["status"] = ChainValidity.Status(created);
            store.UpdateStatus(ResourceType.ClusterTemplateChain, created, WellKnown.FieldManager);
            count++;
        }

        return count;
    }

    private static int SeedCredentials(IObjectStore store, string ns, DateTimeOffset createdAt)
    {
        var count = 0;
        foreach (var credential in CredentialObjects.For(ns))
        {
            var created = store.CreateBackdated(ResourceType.Credential, credential, createdAt, WellKnown.FieldManager);
            created["status"] = CredentialObjects.Status(created, createdAt + TimeSpan.FromSeconds(1));
            store.UpdateStatus(ResourceType.Credential, created, WellKnown.FieldManager);
            count++;
        }

        return count;
    }
}

/// <summary>What the seeder put into the store.</summary>
public sealed record SeedSummary(
    IReadOnlyList<string> Namespaces,
    int Templates,
    int Chains,
    int Credentials,
    IReadOnlyDictionary<SeedPhase, int> Clusters)
{
    public int ClusterCount => Clusters.Values.Sum();
}
