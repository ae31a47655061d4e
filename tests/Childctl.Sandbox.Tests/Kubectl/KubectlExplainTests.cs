using Childctl.Testing;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>kubectl explain walks the OpenAPI v3 documents, metadata included (ObjectMeta and the types it refers to).</summary>
public sealed class KubectlExplainTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Theory]
    [InlineData("cld.metadata.labels", "FIELD: labels <map[string]string>")]
    [InlineData("cld.metadata", "FIELD: metadata <ObjectMeta>")]
    [InlineData("cld.metadata.ownerReferences", "FIELD: ownerReferences <[]OwnerReference>")]
    [InlineData("cld.metadata.managedFields.time", "FIELD: time <string>")]
    [InlineData("secret.metadata.annotations", "FIELD: annotations <map[string]string>")]
    [InlineData("configmap.binaryData", "FIELD: binaryData <map[string]string>")]
    [InlineData("cld.spec", "FIELD: spec <Object>")]
    public async Task Explain_resolves_every_level(string path, string fieldLine)
    {
        var r = await _kubectl.RunAsync("explain", path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains(fieldLine, r.StdOut.Split('\n'));
    }

    [Fact]
    public async Task Explain_of_spec_lists_its_fields()
    {
        var r = await _kubectl.RunAsync("explain", "cld.spec");
        Assert.Contains("  template\t<string> -required-", r.StdOut.Split('\n'));
        Assert.Contains("  credential\t<string>", r.StdOut.Split('\n'));
    }
}
