using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Seeding;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The values schema (values.schema.json) of each simulated stock chart, shaped by REFERENCE.md §11 and the real
/// charts' schemas: types, the keys with defaults listed as required (each with its default from values.yaml),
/// minimums (controlPlaneNumber ≥ 1, workersNumber ≥ 0, AWS rootVolumeSize ≥ 8) and enums. Two deliberate choices
/// make it stricter than the real charts, so that mistakes surface before anything is deployed: the keys a user
/// must set (location, subscriptionID, region, project, vmSize, instanceType) have <c>minLength: 1</c> (the real
/// charts only have it on Azure's vmSize, so an empty region fails later, in the cloud), and the top level and the
/// controlPlane/worker sections have <c>additionalProperties: false</c> (the real charts accept and ignore
/// unknown keys, so a misspelt <c>workerNumber</c> silently gives the default). Nested free-form maps stay open.
/// </summary>
internal static class ChartSchema
{
    private static readonly Dictionary<CloudProvider, JsonObject> Schemas = ProviderProfile.All.ToDictionary(p => p.Provider, Materialized);

    /// <summary>The chart's schema, built once; callers only read it.</summary>
    public static JsonObject Cached(ProviderProfile profile) => Schemas[profile.Provider];

    public static JsonObject For(ProviderProfile profile)
    {
        var properties = new JsonObject
        {
            ["controlPlaneNumber"] = Int("The number of the control-plane machines", minimum: 1),
            ["workersNumber"] = Int("The number of the worker machines (0: no worker MachineDeployment)", minimum: 0),
            ["clusterLabels"] = OpenMap("Labels to apply to the cluster"),
            ["clusterAnnotations"] = OpenMap("Annotations to apply to the cluster"),
            ["clusterNetwork"] = Obj("The cluster network configuration", new JsonObject
            {
                ["pods"] = Obj("The network ranges from which Pod networks are allocated", new JsonObject { ["cidrBlocks"] = Strings("A list of CIDR blocks") }),
                ["services"] = Obj("The network ranges from which service VIPs are allocated", new JsonObject { ["cidrBlocks"] = Strings("A list of CIDR blocks") }),
            }),
            ["k0s"] = K0s(),
            ["global"] = OpenMap("Helm's global values; k0rdent injects its registry settings here"),
        };
        foreach (var (key, value) in Provider(profile))
        {
            properties[key] = value;
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["description"] = $"A KCM cluster {profile.Chart} template",
            ["type"] = "object",
            ["required"] = Names(["controlPlaneNumber", "workersNumber", .. profile.RequiredTopLevel]),
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        AddDefaults(schema, TemplateDefaults.For(profile, "v0.0.0+k0s.0"));
        return schema;
    }

    private static IEnumerable<(string Key, JsonNode Schema)> Provider(ProviderProfile profile) => profile.Provider switch
    {
        CloudProvider.Azure =>
        [
            ("location", Str("Azure location to deploy the cluster in, for example eastus", minLength: 1)),
            ("subscriptionID", Str("Azure subscription ID", minLength: 1)),
            ("clusterIdentity", Obj("The AzureClusterIdentity, set from the Credential", new JsonObject { ["name"] = Str("Name of the identity"), ["namespace"] = Str("Namespace of the identity") })),
            ("bastion", Obj("The bastion host", new JsonObject { ["enabled"] = Bool("Create a bastion host"), ["bastionSpec"] = OpenMap("The Azure bastion spec") })),
            ("controlPlane", Machine(profile, "The control-plane machines")),
            ("worker", Machine(profile, "The worker machines")),
        ],
        CloudProvider.Aws =>
        [
            ("region", Str("AWS region to deploy the cluster in, for example us-west-2", minLength: 1)),
            ("clusterIdentity", Obj("The AWS identity, set from the Credential", new JsonObject { ["name"] = Str("Name of the identity"), ["kind"] = Str("Kind of the identity") })),
            ("sshKeyName", new JsonObject { ["description"] = "The key pair to connect to the instances", ["type"] = Names(["string", "null"]) }),
            ("publicIP", Bool("Whether the instances get a public IP")),
            ("bastion", OpenMap("The bastion host")),
            ("controlPlane", Machine(profile, "The control-plane machines")),
            ("worker", Machine(profile, "The worker machines")),
        ],
        _ =>
        [
            ("project", Str("The GCP project to deploy the cluster to", minLength: 1)),
            ("region", Str("The GCP region the cluster lives in, for example us-east4", minLength: 1)),
            ("clusterIdentity", Obj("The service account credentials Secret, set from the Credential", new JsonObject { ["name"] = Str("Name of the Secret") })),
            ("network", Obj("The GCP network", new JsonObject { ["name"] = Str("The network name"), ["mtu"] = Int("Maximum Transmission Unit in bytes", 1300, 8896) })),
            ("additionalLabels", OpenMap("Labels added to all the GCP resources")),
            ("controlPlane", Machine(profile, "The control-plane machines")),
            ("worker", Machine(profile, "The worker machines")),
        ],
    };

    private static JsonObject Machine(ProviderProfile profile, string description)
    {
        var properties = profile.Provider switch
        {
            CloudProvider.Azure => new JsonObject
            {
                ["vmSize"] = Str("The VM size, for example Standard_A4_v2", minLength: 1),
                ["rootVolumeSize"] = Int("Size of the root volume in GB", minimum: 1),
                ["sshPublicKey"] = Str("SSH public key"),
                ["image"] = OpenMap("The VM image"),
            },
            CloudProvider.Aws => new JsonObject
            {
                ["instanceType"] = Str("The instance type, for example t3.small", minLength: 1),
                ["rootVolumeSize"] = Int("Size of the root volume in GiB: at least 8", minimum: 8),
                ["amiID"] = Str("The ID of the Amazon Machine Image"),
                ["iamInstanceProfile"] = Str("The IAM instance profile of the instances"),
                ["imageLookup"] = OpenMap("AMI lookup parameters"),
                ["uncompressedUserData"] = Bool("Do not gzip the user data"),
                ["nonRootVolumes"] = new JsonObject { ["description"] = "Non-root storage volumes", ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
            },
            _ => new JsonObject
            {
                ["instanceType"] = Str("The machine type, for example n1-standard-2", minLength: 1),
                ["image"] = Str("The image of the machines"),
                ["imageFamily"] = Str("The image family of the machines"),
                ["publicIP"] = Bool("Whether the machines get a public IP"),
                ["rootDeviceSize"] = Int("Size of the root volume in GB", minimum: 1),
                ["rootDeviceType"] = Enum("The type of the root volume", "pd-standard", "pd-ssd", "pd-balanced", "hyperdisk-balanced"),
                ["subnet"] = Str("The subnetwork of the machines"),
            },
        };
        var machine = Obj(description, properties);
        machine["required"] = Names([profile.SizeKey]);
        machine["additionalProperties"] = false;
        return machine;
    }

    private static JsonObject K0s()
    {
        var k0s = Obj("K0s parameters", new JsonObject
        {
            ["version"] = Str("K0s version"),
            ["arch"] = Enum("K0s download arch", "amd64", "arm64", "arm"),
            ["cpArgs"] = Strings("Extra arguments of the k0s controller"),
            ["workerArgs"] = Strings("Extra arguments of the k0s worker"),
            ["api"] = Obj("Kubernetes API server parameters", new JsonObject { ["extraArgs"] = OpenMap("Extra api-server arguments") }),
            ["network"] = OpenMap("Kubernetes cluster network configuration"),
        });
        k0s["additionalProperties"] = true;
        return k0s;
    }

    /// <summary>Puts each scalar or list default of values.yaml on its property, as <c>default</c>.</summary>
    private static void AddDefaults(JsonObject schema, JsonObject defaults)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (key, value) in defaults)
        {
            if (properties[key] is not JsonObject property)
            {
                continue;
            }

            if (value is JsonObject nested && property["properties"] is JsonObject)
            {
                AddDefaults(property, nested);
            }
            else if (value is not null)
            {
                property["default"] = value.DeepClone();
            }
        }
    }

    /// <summary>A schema whose lazily built inner dictionaries all exist, so concurrent readers never race to create them.</summary>
    private static JsonObject Materialized(ProviderProfile profile)
    {
        var schema = For(profile);
        _ = schema.ToJsonString();
        return schema;
    }

    private static JsonObject Str(string description, int? minLength = null)
    {
        var s = new JsonObject { ["description"] = description, ["type"] = "string" };
        if (minLength is { } min)
        {
            s["minLength"] = min;
        }

        return s;
    }

    private static JsonObject Int(string description, int? minimum = null, int? maximum = null)
    {
        var s = new JsonObject { ["description"] = description, ["type"] = "integer" };
        if (minimum is { } min)
        {
            s["minimum"] = min;
        }

        if (maximum is { } max)
        {
            s["maximum"] = max;
        }

        return s;
    }

    private static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    private static JsonObject Enum(string description, params string[] values) =>
        new() { ["description"] = description, ["type"] = "string", ["enum"] = Names(values) };

    private static JsonObject Strings(string description) =>
        new() { ["description"] = description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };

    private static JsonObject OpenMap(string description) => new() { ["description"] = description, ["type"] = "object", ["additionalProperties"] = true };

    private static JsonObject Obj(string description, JsonObject properties) => new() { ["description"] = description, ["type"] = "object", ["properties"] = properties };

    private static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());

    /// <summary>The schema as the ConfigMap carries it: indented JSON, as values.schema.json files are written.</summary>
    public static string Text(JsonObject schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            schema.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
