using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;
using Childctl.Testing;

namespace Childctl.Core.Tests.Operations;

public class ManifestReaderTests
{
    [Fact]
    public void Read_WhenScalarsArePlainOrQuoted_TypesPlainOnesAndKeepsQuotedOnesAsStrings()
    {
        var manifest = ManifestReader.Read("""
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata: {name: a}
            spec:
              dryRun: false
              config:
                workersNumber: 2
                ratio: 1.5
                subscriptionID: "0123"
                version: v1.36.3+k0s.2
                empty: ~
            """, "file.yaml");

        Assert.Equal(
            """{"dryRun":false,"config":{"workersNumber":2,"ratio":1.5,"subscriptionID":"0123","version":"v1.36.3\u002Bk0s.2","empty":null}}""",
            manifest["spec"]!.ToJsonString());
    }

    [Fact]
    public void Read_WhenTheFileIsJson_AcceptsIt()
    {
        Assert.Equal("a", ClusterDeploymentManifest.Name(ManifestReader.Read("""{"metadata":{"name":"a"}}""", "f")));
    }

    [Fact]
    public void Read_WhenGivenTheReadyFixture_KeepsEveryField()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.K0rdentFixtures, "clusterdeployment-03-ready.yaml"));

        var manifest = ManifestReader.Read(text, "example");

        Assert.Equal("aws-uswest2-prod", ClusterDeploymentManifest.Name(manifest));
        Assert.Equal("True", manifest["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a: [", "not valid YAML")]
    [InlineData("", "empty")]
    [InlineData("a: 1\n---\nb: 2\n", "2 documents")]
    [InlineData("{nope", "not valid JSON")]
    public void Read_WhenTheFileIsNotOneObject_RejectsIt(string text, string message)
    {
        var error = Assert.Throws<ChildctlException>(() => ManifestReader.Read(text, "f.yaml"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
