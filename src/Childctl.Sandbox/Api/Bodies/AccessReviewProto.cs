using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>
/// The SelfSubjectAccessReview message kubectl auth can-i sends: spec (2) holds resourceAttributes (1: namespace,
/// verb, group, version, resource, subresource, name) or nonResourceAttributes (2: path, verb).
/// </summary>
internal static class AccessReviewProto
{
    private static readonly string[] ResourceFields = ["", "namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceFields = ["", "path", "verb"];

    public static void Read(ref ProtoReader r, JsonObject obj)
    {
        var spec = new JsonObject();
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 2 && wire == 2)
            {
                var inner = new ProtoReader(r.ReadBytes());
                while (inner.TryReadTag(out var f, out var w))
                {
                    if (f is 1 or 2 && w == 2)
                    {
                        spec[f == 1 ? "resourceAttributes" : "nonResourceAttributes"] = Strings(inner.ReadBytes(), f == 1 ? ResourceFields : NonResourceFields);
                    }
                    else
                    {
                        inner.Skip(w);
                    }
                }
            }
            else
            {
                r.Skip(wire);
            }
        }

        obj["spec"] = spec;
    }

    /// <summary>The SelfSubjectRulesReview message kubectl auth can-i --list sends: spec (2) holds the namespace (1).</summary>
    public static void ReadRules(ref ProtoReader r, JsonObject obj)
    {
        var spec = new JsonObject();
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field == 2 && wire == 2)
            {
                spec = Strings(r.ReadBytes(), ["", "namespace"]);
            }
            else
            {
                r.Skip(wire);
            }
        }

        obj["spec"] = spec;
    }

    private static JsonObject Strings(ReadOnlySpan<byte> bytes, string[] names)
    {
        var r = new ProtoReader(bytes);
        var result = new JsonObject();
        while (r.TryReadTag(out var field, out var wire))
        {
            if (field > 0 && field < names.Length && wire == 2)
            {
                var value = r.ReadString();
                if (value.Length > 0)
                {
                    result[names[field]] = value;
                }
            }
            else
            {
                r.Skip(wire);
            }
        }

        return result;
    }
}
