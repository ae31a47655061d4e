using System.Text;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// The defaulting the apiserver does for the core kinds we serve, applied on every write so that in-process
/// writers (the simulated controller) get the same objects as HTTP clients.
/// </summary>
internal static class TypeDefaults
{
    public static void Apply(ResourceType type, JsonObject obj, bool creating)
    {
        if (type == ResourceType.Secret)
        {
            DefaultSecret(obj);
        }
        else if (type == ResourceType.Namespace && creating)
        {
            DefaultNamespace(obj);
        }
    }

    /// <summary>stringData is write-only: merged into data as base64 and dropped; type defaults to Opaque.</summary>
    private static void DefaultSecret(JsonObject obj)
    {
        if (obj["stringData"] is JsonObject stringData)
        {
            if (obj["data"] is not JsonObject data)
            {
                data = [];
                obj["data"] = data;
            }

            foreach (var (key, value) in stringData)
            {
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }
        }

        obj.Remove("stringData");
        if (string.IsNullOrEmpty(ObjectMeta.String(obj, "type")))
        {
            obj["type"] = "Opaque";
        }
    }

    private static void DefaultNamespace(JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
        if (meta["labels"] is not JsonObject labels)
        {
            labels = [];
            meta["labels"] = labels;
        }

        labels["kubernetes.io/metadata.name"] = ObjectMeta.Name(obj);
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }
}
