using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>Field numbers of the generated.proto messages we accept: ObjectMeta, Namespace, Secret and ConfigMap.</summary>
internal static class ProtoObjects
{
    public static void ReadNamespace(ref ProtoReader r, JsonObject obj)
    {
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                obj["metadata"] = ReadObjectMeta(r.ReadBytes());
            }
            else if (field == 2 && wire == 2)
            {
                var spec = new ProtoReader(r.ReadBytes());
                var finalizers = new JsonArray();
                while (spec.TryReadTag(out var f, out var w))
                {
                    if (f == 1 && w == 2)
                    {
                        finalizers.Add((JsonNode)spec.ReadString());
                    }
                    else
                    {
                        spec.Skip(w);
                    }
                }

                obj["spec"] = new JsonObject { ["finalizers"] = finalizers };
            }
            else
            {
                r.Skip(wire);
            }
        }
    }

    public static void ReadSecret(ref ProtoReader r, JsonObject obj)
    {
        var data = new JsonObject();
        var stringData = new JsonObject();
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    obj["metadata"] = ReadObjectMeta(r.ReadBytes());
                    break;
                case 2 when wire == 2:
                    var (key, value) = ReadEntry(r.ReadBytes(), base64: true);
                    data[key] = value;
                    break;
                case 3 when wire == 2:
                    SetIfAny(obj, "type", r.ReadString());
                    break;
                case 4 when wire == 2:
                    var (sk, sv) = ReadEntry(r.ReadBytes(), base64: false);
                    stringData[sk] = sv;
                    break;
                case 5 when wire == 0:
                    obj["immutable"] = r.ReadVarint() != 0;
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        if (data.Count > 0)
        {
            obj["data"] = data;
        }

        if (stringData.Count > 0)
        {
            obj["stringData"] = stringData;
        }
    }

    /// <summary>ConfigMap: 1 metadata, 2 data (string values), 3 binaryData (bytes, kept as base64), 4 immutable.</summary>
    public static void ReadConfigMap(ref ProtoReader r, JsonObject obj)
    {
        var data = new JsonObject();
        var binary = new JsonObject();
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    obj["metadata"] = ReadObjectMeta(r.ReadBytes());
                    break;
                case 2 or 3 when wire == 2:
                    var (key, value) = ReadEntry(r.ReadBytes(), base64: field == 3);
                    (field == 2 ? data : binary)[key] = value;
                    break;
                case 4 when wire == 0:
                    obj["immutable"] = r.ReadVarint() != 0;
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        AddIfAny(obj, "data", data, data.Count);
        AddIfAny(obj, "binaryData", binary, binary.Count);
    }

    private static JsonObject ReadObjectMeta(ReadOnlySpan<byte> bytes)
    {
        var r = new ProtoReader(bytes);
        var meta = new JsonObject();
        var labels = new JsonObject();
        var annotations = new JsonObject();
        var finalizers = new JsonArray();
        while (r.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 or 2 or 3 or 6 when wire == 2:
                    SetIfAny(meta, field switch { 1 => "name", 2 => "generateName", 3 => "namespace", _ => "resourceVersion" }, r.ReadString());
                    break;
                case 11 or 12 when wire == 2:
                    var (key, value) = ReadEntry(r.ReadBytes(), base64: false);
                    (field == 11 ? labels : annotations)[key] = value;
                    break;
                case 14 when wire == 2:
                    finalizers.Add((JsonNode)r.ReadString());
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }

        AddIfAny(meta, "labels", labels, labels.Count);
        AddIfAny(meta, "annotations", annotations, annotations.Count);
        AddIfAny(meta, "finalizers", finalizers, finalizers.Count);
        return meta;
    }

    private static (string Key, string Value) ReadEntry(ReadOnlySpan<byte> bytes, bool base64)
    {
        var r = new ProtoReader(bytes);
        string key = "", value = "";
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                key = r.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                value = base64 ? Convert.ToBase64String(r.ReadBytes()) : r.ReadString();
            }
            else
            {
                r.Skip(wire);
            }
        }

        return (key, value);
    }

    private static void SetIfAny(JsonObject obj, string key, string value)
    {
        if (value.Length > 0)
        {
            obj[key] = value;
        }
    }

    private static void AddIfAny(JsonObject obj, string key, JsonNode node, int count)
    {
        if (count > 0)
        {
            obj[key] = node;
        }
    }
}
