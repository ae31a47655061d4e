using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// Pre-seeds ClusterDeployments spread over namespaces, providers and phases, all drawn from one seeded
/// random stream so that the same seed gives the same world. The first five clusters cover the five phases
/// in order, so that even a small world has one of each.
/// </summary>
internal sealed partial class ClusterSeeder
{
    private static readonly string[] Environments = ["dev", "test", "staging", "prod"];

    private readonly IObjectStore _store;
    private readonly Random _random;
    private readonly SeedTimeline _timeline;
    private readonly IReadOnlyList<string> _namespaces;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, CapiState> _capi;
    private readonly ChildAccess _children;

    public ClusterSeeder(IObjectStore store, ReferenceCache references, SimClock clock, int seed, IReadOnlyList<string> namespaces,
        Dictionary<string, CapiState> capi, ChildAccess children)
    {
        _capi = capi;
        _children = children;
        _store = store;
        _random = new Random(seed);
        _timeline = new SeedTimeline(references, clock.Speed);
        _namespaces = namespaces;
        _now = Timestamps.Truncate(clock.Now);
    }

    public Dictionary<SeedPhase, int> Seed(int count)
    {
        var counts = Enum.GetValues<SeedPhase>().ToDictionary(p => p, _ => 0);
        var width = Math.Max(4, count.ToString(CultureInfo.InvariantCulture).Length);
        for (var i = 0; i < count; i++)
        {
            var phase = i < counts.Count ? (SeedPhase)i : PickPhase();
            SeedOne(i + 1, width, phase);
            counts[phase]++;
        }

        return counts;
    }

    private void SeedOne(int number, int width, SeedPhase phase)
    {
        var ns = _namespaces[_random.Next(_namespaces.Count)];
        var profile = ProviderProfile.All[_random.Next(10) switch { < 4 => 0, < 7 => 1, _ => 2 }];
        var region = profile.Regions[_random.Next(profile.Regions.Count)];
        var env = Environments[_random.Next(Environments.Length)];
        var name = $"{profile.Name}-{region.Replace("-", "", StringComparison.Ordinal)}-{env}-{number.ToString("D" + width, CultureInfo.InvariantCulture)}";
        var older = TemplateCatalog.Older(profile);
        var template = _random.Next(5) == 0 && older.Count > 0 ? older[_random.Next(older.Count)] : TemplateCatalog.Newest(profile);
        var cluster = new JsonObject
        {
            ["apiVersion"] = ResourceType.ClusterDeployment.ApiVersion,
            ["kind"] = ResourceType.ClusterDeployment.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["env"] = env, [WellKnown.ComponentLabel] = WellKnown.ComponentValue },
                ["finalizers"] = new JsonArray(WellKnown.ClusterDeploymentFinalizer),
            },
            ["spec"] = ClusterSpecs.Spec(profile, _random, ns, template.Name, region),
        };
        var variant = PickVariant(phase);
        Prepare(cluster, profile, phase, variant);
        Write(cluster, phase, variant, Timestamps.Truncate(CreatedAt(phase, variant)));
    }

    private SeedPhase PickPhase() => _random.Next(100) switch
    {
        < 55 => SeedPhase.Ready,
        < 67 => SeedPhase.Provisioning,
        < 80 => SeedPhase.Failed,
        < 86 => SeedPhase.Deleting,
        _ => SeedPhase.DryRun,
    };

    private SeedVariant PickVariant(SeedPhase phase) => phase switch
    {
        SeedPhase.Ready => _random.Next(10) == 0 ? SeedVariant.Scaled : SeedVariant.Normal,
        SeedPhase.Provisioning => _random.Next(5) == 0 ? SeedVariant.QuotaExceeded : SeedVariant.Normal,
        SeedPhase.Failed => _random.Next(3) switch
        {
            0 => SeedVariant.InvalidConfig,
            1 => SeedVariant.QuotaExceeded,
            _ => _random.Next(2) == 0 ? SeedVariant.MissingTemplate : SeedVariant.InvalidConfig,
        },
        SeedPhase.Deleting => _random.Next(5) == 0 ? SeedVariant.HungDeletion : SeedVariant.Normal,
        _ => SeedVariant.Normal,
    };

    /// <summary>Shapes the spec and annotations for the cluster's story before it is created.</summary>
    private static void Prepare(JsonObject cluster, ProviderProfile profile, SeedPhase phase, SeedVariant variant)
    {
        var spec = (JsonObject)cluster["spec"]!;
        var annotations = new JsonObject();
        switch (variant)
        {
            case SeedVariant.InvalidConfig:
                ClusterSpecs.Break(profile, (JsonObject)spec["config"]!);
                break;
            case SeedVariant.MissingTemplate:
                spec["template"] = profile.Chart + "-1-0-8"; // the version old scripts still name; long gone
                break;
            case SeedVariant.QuotaExceeded:
                annotations[WellKnown.FailAtAnnotation] = "infrastructure";
                break;
            case SeedVariant.HungDeletion:
                annotations[WellKnown.FailAtAnnotation] = "deletion";
                break;
        }

        if (phase == SeedPhase.DryRun)
        {
            spec["dryRun"] = true;
        }

        if (annotations.Count > 0)
        {
            JsonAccess.Metadata(cluster)["annotations"] = annotations;
        }
    }
}

/// <summary>The phase a pre-seeded cluster starts in (the CLI's phase names, REFERENCE.md §8).</summary>
public enum SeedPhase
{
    Ready,
    Provisioning,
    Failed,
    Deleting,
    DryRun,
}

/// <summary>The story behind a pre-seeded cluster within its phase.</summary>
internal enum SeedVariant
{
    Normal,
    Scaled,
    InvalidConfig,
    MissingTemplate,
    QuotaExceeded,
    HungDeletion,
}

/// <summary>
/// Who created a pre-seeded cluster, as its managedFields say: on a real management cluster ClusterDeployments come
/// from people with kubectl and from GitOps controllers, never from k0rdent's own controller (which writes only
/// finalizers, labels and status). Picked from the name, so the random sequence behind the rest of the seed is untouched.
/// </summary>
internal static class SeedCreators
{
    private static readonly string[] Managers =
    [
        "kubectl-client-side-apply", "kubectl-create", "kustomize-controller", "argocd-controller", "helm",
    ];

    public static string For(string name)
    {
        var hash = 17;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        return Managers[(hash & int.MaxValue) % Managers.Length];
    }
}
