using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public class LabelSelectorSyntaxTests
{
    [Theory]
    [InlineData("")]
    [InlineData("env=dev")]
    [InlineData("env==dev,tier!=db")]
    [InlineData("env in (dev, staging),!legacy")]
    [InlineData("app.kubernetes.io/name notin (a,b)")]
    [InlineData("batch")]
    [InlineData("replicas>2, replicas<10")]
    [InlineData("env=")]
    public void Problem_WhenTheServerWouldAcceptTheSelector_IsNull(string selector)
    {
        Assert.Null(LabelSelectorSyntax.Problem(selector));
    }

    [Theory]
    [InlineData("!!!==", "expected a label key")]
    [InlineData("=x", "expected a label key, found '='")]
    [InlineData("x/y/z=1", "invalid key \"x/y/z\"")]
    [InlineData("env=dev=prod", "unexpected '='")]
    [InlineData("env in dev", "needs a list of values in parentheses")]
    [InlineData("env in ()", "needs at least one value")]
    [InlineData("env in (a", "is not closed")]
    [InlineData("n>x", "needs an integer")]
    [InlineData("env=dev,", "expected a label key at the end")]
    [InlineData("env=-bad-", "invalid value")]
    [InlineData("env dev", "unknown operator 'dev'")]
    public void Problem_WhenTheServerWouldRefuseTheSelector_SaysWhy(string selector, string expected)
    {
        Assert.Contains(expected, LabelSelectorSyntax.Problem(selector), StringComparison.Ordinal);
    }
}
