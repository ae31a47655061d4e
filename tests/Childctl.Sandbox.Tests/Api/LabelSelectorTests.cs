using Childctl.Sandbox.Api.Selectors;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Api;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["env"] = "dev", ["tier"] = "gold" };

    [Theory]
    [InlineData("", true)]
    [InlineData("env=dev", true)]
    [InlineData("env==prod", false)]
    [InlineData("env!=prod", true)]
    [InlineData("missing!=x", true)]
    [InlineData("env in (prod, dev)", true)]
    [InlineData("env notin (dev)", false)]
    [InlineData("missing notin (dev)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("env=dev,tier in (gold),!missing", true)]
    [InlineData("env=dev, tier=silver", false)]
    public void Matches_like_the_apiserver(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("env in dev")]
    [InlineData("a b c")]
    [InlineData("env=dev,,tier")]
    public void Malformed_selectors_are_bad_requests(string selector)
    {
        var e = Assert.Throws<StoreException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, e.Code);
    }
}
