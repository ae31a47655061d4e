using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Validation.Cel;

namespace Childctl.Sandbox.Tests.Api;

/// <summary>The CEL subset: every rule form the three k0rdent CRDs use parses, and evaluates with CEL's semantics.</summary>
public sealed class CelTests
{
    [Theory]
    [InlineData("oldSelf == '' || self == oldSelf")]
    [InlineData("has(self.remoteURL) != has(self.kind)")]
    [InlineData("self == oldSelf")]
    [InlineData("!has(self.helm.chartSource)")]
    [InlineData("(has(self.chartSpec) ? (!has(self.chartSource) && !has(self.chartRef)): true)")]
    [InlineData("has(self.chartSpec) || has(self.chartRef) || has(self.chartSource)")]
    [InlineData("has(self.localSourceRef) ? (self.localSourceRef.kind != 'Secret' && self.localSourceRef.kind != 'ConfigMap'): true")]
    [InlineData("has(self.git) ? (!has(self.bucket) && !has(self.oci)) : true")]
    [InlineData("self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)")]
    [InlineData("!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)")]
    [InlineData("!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))")]
    [InlineData("!has(self.verify) || self.sourceRef.kind == 'HelmRepository'")]
    public void Every_rule_form_of_the_k0rdent_CRDs_parses(string rule) => Assert.NotNull(CelParser.Parse(rule));

    [Theory]
    [InlineData("""{"provider":"aws"}""", "self.provider == 'aws' || !has(self.sts)", true)]
    [InlineData("""{"provider":"gcp","sts":{}}""", "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)", false)]
    [InlineData("""{}""", "self.provider == 'aws' || !has(self.sts)", true)]
    [InlineData("""{"kind":"x"}""", "has(self.remoteURL) != has(self.kind)", true)]
    [InlineData("""{"kind":"x","remoteURL":"y"}""", "has(self.remoteURL) != has(self.kind)", false)]
    [InlineData("""{"a":[1,2]}""", "size(self.a) == 2 && 2 in self.a && self.a[0] < 2", true)]
    [InlineData("""{"n":"abc"}""", "self.n.startsWith('ab') && self.n.size() == 3", true)]
    public void Rules_evaluate_with_cel_semantics(string self, string rule, bool expected)
    {
        var result = CelEvaluator.Evaluate(CelParser.Parse(rule), new Dictionary<string, JsonNode?> { ["self"] = JsonNode.Parse(self) });
        Assert.Equal(expected, result);
    }

    [Fact]
    public void A_missing_field_is_an_error_unless_the_other_side_decides()
    {
        var vars = new Dictionary<string, JsonNode?> { ["self"] = JsonNode.Parse("{}") };
        Assert.Equal(new CelError("no such key: provider"), CelEvaluator.Evaluate(CelParser.Parse("self.provider == 'aws'"), vars));
        Assert.Equal(true, CelEvaluator.Evaluate(CelParser.Parse("self.provider == 'aws' || true"), vars));
        Assert.Equal(false, CelEvaluator.Evaluate(CelParser.Parse("false && self.provider == 'aws'"), vars));
    }

    [Theory]
    [InlineData("self == ")]
    [InlineData("self.a = 1")]
    [InlineData("self.all(x, x > 1")]
    public void Syntax_outside_the_subset_does_not_parse(string rule) => Assert.Throws<FormatException>(() => CelParser.Parse(rule));

    [Fact]
    public void Functions_outside_the_subset_are_errors_not_passes() =>
        Assert.IsType<CelError>(CelEvaluator.Evaluate(CelParser.Parse("self.all(x, x > 1)"), new Dictionary<string, JsonNode?> { ["self"] = JsonNode.Parse("[2]") }));
}
