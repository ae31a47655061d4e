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

    [Fact]
    public void ReadAll_WhenTheFileHoldsDocumentsAndAList_ReturnsEveryObjectWithWhereItWasRead()
    {
        var all = ManifestReader.ReadAll("""
            metadata: {name: a}
            ---
            ---
            apiVersion: v1
            kind: List
            items:
            - metadata: {name: b}
            - metadata: {name: c}
            """, "f.yaml");

        Assert.Equal(
            [("a", "f.yaml (document 1)"), ("b", "f.yaml (document 2, item 1)"), ("c", "f.yaml (document 2, item 2)")],
            all.Select(m => (ClusterDeploymentManifest.Name(m.Manifest), m.Source)));
    }

    [Theory]
    [InlineData("{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"a\"}}]}", "f.yaml (item 1)")]
    [InlineData("metadata: {name: a}\n", "f.yaml")]
    public void ReadAll_WhenTheFileHoldsOneDocument_NamesTheFileAlone(string text, string source)
    {
        Assert.Equal(source, Assert.Single(ManifestReader.ReadAll(text, "f.yaml")).Source);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("kind: List\nitems: []\n", "empty")]
    [InlineData("- a\n- b\n", "not a mapping")]
    public void ReadAll_WhenThereIsNoObject_RejectsIt(string text, string message)
    {
        var error = Assert.Throws<ChildctlException>(() => ManifestReader.ReadAll(text, "f.yaml"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
