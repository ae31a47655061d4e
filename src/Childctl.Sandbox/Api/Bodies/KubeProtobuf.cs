using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>
/// Decodes the protobuf bodies kubectl's generators send (<c>kubectl create namespace</c>, <c>create secret generic</c>, <c>create configmap</c>, <c>auth can-i</c>):
/// the <c>k8s\0</c> magic, a runtime.Unknown envelope (TypeMeta, raw object), then a Namespace, Secret, ConfigMap or review message.
/// proto3 sends unset strings as "", which are dropped here.
/// </summary>
internal static class KubeProtobuf
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("protobuf body without the k8s magic prefix");
        }

        var raw = ReadEnvelope(body[Magic.Length..], out var apiVersion, out var kind);
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        var reader = new ProtoReader(raw);
        switch (kind)
        {
            case "Namespace":
                ProtoObjects.ReadNamespace(ref reader, obj);
                break;
            case "Secret":
                ProtoObjects.ReadSecret(ref reader, obj);
                break;
            case "ConfigMap":
                ProtoObjects.ReadConfigMap(ref reader, obj);
                break;
            case "SelfSubjectAccessReview":
                AccessReviewProto.Read(ref reader, obj);
                break;
            case "SelfSubjectRulesReview":
                AccessReviewProto.ReadRules(ref reader, obj);
                break;
            default:
                throw new NotSupportedException($"protobuf bodies of kind {kind} are not supported");
        }

        return obj;
    }

    /// <summary>runtime.Unknown: 1 TypeMeta, 2 raw object bytes (3 contentEncoding and 4 contentType are skipped).</summary>
    private static ReadOnlySpan<byte> ReadEnvelope(ReadOnlySpan<byte> data, out string apiVersion, out string kind)
    {
        var envelope = new ProtoReader(data);
        apiVersion = kind = "";
        ReadOnlySpan<byte> raw = default;
        while (envelope.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    (apiVersion, kind) = ReadTypeMeta(envelope.ReadBytes());
                    break;
                case 2 when wire == 2:
                    raw = envelope.ReadBytes();
                    break;
                default:
                    envelope.Skip(wire);
                    break;
            }
        }

        return raw;
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        var r = new ProtoReader(data);
        string apiVersion = "", kind = "";
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                apiVersion = r.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                kind = r.ReadString();
            }
            else
            {
                r.Skip(wire);
            }
        }

        return (apiVersion, kind);
    }
}
