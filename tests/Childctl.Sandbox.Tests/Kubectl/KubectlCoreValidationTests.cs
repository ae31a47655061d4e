using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>The apiserver's validation of Secrets and ConfigMaps, and ConfigMaps served end to end, through real kubectl.</summary>
public sealed class KubectlCoreValidationTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private const string KeyHelp = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Secret_data_that_is_not_base64_is_a_bad_request()
    {
        var file = Write(f.Directory, "b64.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: b64}\ndata: {a: \"not base64!\"}\n");
        var r = await _kubectl.RunAsync("apply", "-f", file);
        Assert.Equal($"Error from server (BadRequest): error when creating \"{file}\": Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3\n", r.StdErr);
    }

    [Fact]
    public async Task A_bad_data_key_is_invalid_and_leaves_describe_working()
    {
        var file = Write(f.Directory, "key.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: badkey}\nstringData: {\"a b\": x}\n");
        var r = await _kubectl.RunAsync("apply", "-f", file);
        var describe = await _kubectl.RunAsync("describe", "secrets");

        Assert.Equal($"The Secret \"badkey\" is invalid: data[a b]: Invalid value: \"a b\": {KeyHelp}\n", r.StdErr);
        Assert.Equal(0, describe.ExitCode);
    }

    [Fact]
    public async Task More_than_one_MiB_of_data_is_too_long()
    {
        var big = Write(f.Directory, "big", new string('x', CoreLimit + 1));
        var fits = Write(f.Directory, "fits", new string('x', CoreLimit));
        var secret = await _kubectl.RunAsync("create", "secret", "generic", "too-big", "--from-file=a=" + big);
        var configMap = await _kubectl.RunAsync("create", "configmap", "too-big", "--from-file=a=" + big);
        var exact = await _kubectl.RunAsync("create", "configmap", "just-fits", "--from-file=a=" + fits);

        Assert.Equal("error: failed to create secret Secret \"too-big\" is invalid: data: Too long: may not be more than 1048576 bytes\n", secret.StdErr);
        Assert.Equal("error: failed to create configmap: ConfigMap \"too-big\" is invalid: : Too long: may not be more than 1048576 bytes\n", configMap.StdErr);
        Assert.Equal((0, "configmap/just-fits created\n"), (exact.ExitCode, exact.StdOut));
    }

    [Fact]
    public async Task An_immutable_Secret_keeps_its_data_its_immutability_and_its_type()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "imm.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: imm}\nimmutable: true\nstringData: {a: x}\n"))).ExitCode);

        var data = await _kubectl.RunAsync("patch", "secret", "imm", "-p", """{"stringData":{"a":"y"}}""");
        var unset = await _kubectl.RunAsync("patch", "secret", "imm", "-p", """{"immutable":false}""");
        var type = await _kubectl.RunAsync("patch", "secret", "imm", "--type=merge", "-p", """{"type":"example.com/custom"}""");
        var label = await _kubectl.RunAsync("label", "secret", "imm", "still=changeable");

        Assert.Equal("The Secret \"imm\" is invalid: data: Forbidden: field is immutable when `immutable` is set\n", data.StdErr);
        Assert.Equal("The Secret \"imm\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set\n", unset.StdErr);
        Assert.Equal("The Secret \"imm\" is invalid: type: Invalid value: \"example.com/custom\": field is immutable\n", type.StdErr);
        Assert.Equal("secret/imm labeled\n", label.StdOut);
    }

    [Fact]
    public async Task ConfigMaps_are_created_listed_patched_and_deleted_as_kubectl_does_it()
    {
        var create = await _kubectl.RunAsync("create", "configmap", "team", "--from-literal=owner=alice", "--from-literal=size=3");
        Assert.Equal("configmap/team created\n", create.StdOut);
        Assert.Equal(0, (await _kubectl.RunAsync("label", "cm", "team", "kind=history")).ExitCode);

        var patch = await _kubectl.RunAsync("patch", "cm", "team", "--type=merge", "-p", """{"data":{"owner":"bob","size":null}}""");
        var smp = await _kubectl.RunAsync("patch", "cm", "team", "-p", """{"data":{"extra":"1"}}""");
        var json = await _kubectl.RunAsync("patch", "cm", "team", "--type=json", "-p", """[{"op":"add","path":"/data/j","value":"2"}]""");
        var table = await _kubectl.RunAsync("get", "cm", "-l", "kind=history");
        var byName = await _kubectl.RunAsync("get", "cm", "--field-selector", "metadata.name=team", "-o", "jsonpath={.items[0].data}");
        var describe = await _kubectl.RunAsync("describe", "cm", "team");

        Assert.Equal(("configmap/team patched\n", "configmap/team patched\n", "configmap/team patched\n"), (patch.StdOut, smp.StdOut, json.StdOut));
        Assert.Matches(@"^NAME\s+DATA\s+AGE\nteam\s+3\s+\d+s\n$", table.StdOut);
        Assert.Equal("""{"extra":"1","j":"2","owner":"bob"}""", byName.StdOut);
        Assert.Contains("owner:\n----\nbob", describe.StdOut, StringComparison.Ordinal);
        Assert.Equal("configmap \"team\" deleted\n", (await _kubectl.RunAsync("delete", "cm", "team")).StdOut);
        Assert.Null(f.Store.Get(ResourceType.ConfigMap, "kcm-system", "team"));
    }

    [Fact]
    public async Task A_ConfigMap_key_in_both_data_and_binaryData_is_invalid()
    {
        var file = Write(f.Directory, "dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup}\ndata: {k: a}\nbinaryData: {k: YQ==}\n");
        var r = await _kubectl.RunAsync("apply", "-f", file);
        Assert.Equal("The ConfigMap \"dup\" is invalid: data[k]: Invalid value: \"k\": duplicate of key present in binaryData\n", r.StdErr);
    }

    [Fact]
    public async Task A_tls_Secret_needs_its_certificate_and_key()
    {
        var file = Write(f.Directory, "tls.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: tls-half}\ntype: kubernetes.io/tls\nstringData: {tls.crt: x}\n");
        var r = await _kubectl.RunAsync("apply", "-f", file);
        Assert.Equal("The Secret \"tls-half\" is invalid: data[tls.key]: Required value\n", r.StdErr);
    }

    private const int CoreLimit = 1024 * 1024;
}
