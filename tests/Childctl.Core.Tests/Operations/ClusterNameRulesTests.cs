using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;

namespace Childctl.Core.Tests.Operations;

public class ClusterNameRulesTests
{
    [Theory]
    [InlineData("my-cluster")]
    [InlineData("a")]
    [InlineData("azure-eastus-prod-01")]
    public void Check_WhenTheNameIsValidEverywhere_AcceptsIt(string name) => Assert.Null(ClusterNameRules.Check(name));

    [Theory]
    [InlineData("My-Cluster", "DNS-1123")]
    [InlineData("my_cluster", "'_' is not allowed")]
    [InlineData("-cluster", "start and end with a letter or digit")]
    [InlineData("cluster-", "start and end with a letter or digit")]
    [InlineData("my.cluster", "cloud resource names")]
    [InlineData("1cluster", "must start with a letter")]
    [InlineData("", "empty")]
    public void Check_WhenTheNameBreaksARule_RejectsItNamingTheRule(string name, string rule)
    {
        var problem = ClusterNameRules.Check(name);

        Assert.NotNull(problem);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTheNameIsTooLongForAHelmRelease_RejectsIt()
    {
        var name = new string('a', 54);

        Assert.Contains("Helm release names are at most 53", ClusterNameRules.Check(name), StringComparison.Ordinal);
        Assert.Null(ClusterNameRules.Check(new string('a', 53)));
    }

    [Fact]
    public void Validate_WhenTheNameBreaksARule_ThrowsInvalidInput()
    {
        var error = Assert.Throws<ChildctlException>(() => ClusterNameRules.Validate("Bad"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }
}
