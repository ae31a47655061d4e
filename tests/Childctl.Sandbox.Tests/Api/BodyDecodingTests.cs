using Childctl.Sandbox.Api.Bodies;

namespace Childctl.Sandbox.Tests.Api;

public sealed class BodyDecodingTests
{
    [Fact]
    public void The_namespace_protobuf_kubectl_sends_decodes()
    {
        // k8s\0, Unknown{typeMeta{apiVersion v1, kind Namespace}, raw Namespace{metadata{name team-a}, spec{}}}.
        var body = Convert.FromHexString("6b387300" + "0a0f0a02763112094e616d657370616365" + "120e" + "0a080a067465616d2d61" + "1200" + "1a00" + "2200");

        var obj = KubeProtobuf.Decode(body);

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},"spec":{"finalizers":[]}}""", obj.ToJsonString());
    }

    [Fact]
    public void A_generic_secret_protobuf_decodes_with_base64_data_and_no_type()
    {
        // raw Secret{metadata{name s1, namespace team-a}, data{a: "b"}, type ""}.
        var body = Convert.FromHexString("6b3873000a0c0a027631120653656372657412180a0c0a0273311a067465616d2d6112060a01611201621a001a002200");

        var obj = KubeProtobuf.Decode(body);

        Assert.Equal("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1","namespace":"team-a"},"data":{"a":"Yg=="}}""", obj.ToJsonString());
    }

    [Fact]
    public void Yaml_resolves_scalars_like_kubernetes()
    {
        var node = YamlJson.ReadOne("a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: v1.2\ng: [x, 2]\n")!;
        Assert.Equal("""{"a":1,"b":"1","c":true,"d":null,"e":1.5,"f":"v1.2","g":["x",2]}""", node.ToJsonString());
    }
}
