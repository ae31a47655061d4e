using System.Text.Json;
using Childctl.Core.Templates;

namespace Childctl.Core.Tests.Templates;

public class UpgradeChainsTests
{
    [Fact]
    public void Read_WhenChainsOverlap_CollectsSortedTargetsPerNamespaceAndTemplate()
    {
        var chain = JsonDocument.Parse("""
            {"metadata": {"name": "aws", "namespace": "kcm-system"},
             "spec": {"supportedTemplates": [
               {"name": "aws-standalone-cp-1-0-42", "availableUpgrades": [{"name": "aws-standalone-cp-1-0-44"}, {"name": "aws-standalone-cp-1-0-43"}]},
               {"name": "aws-standalone-cp-1-0-43", "availableUpgrades": [{"name": "aws-standalone-cp-1-0-44"}]},
               {"name": "aws-standalone-cp-1-0-44"}]}}
            """).RootElement;

        var chains = UpgradeChains.Read([chain]);

        Assert.True(chains.Served);
        Assert.Equal(["aws-standalone-cp-1-0-43", "aws-standalone-cp-1-0-44"], chains.For("kcm-system", "aws-standalone-cp-1-0-42"));
        Assert.Empty(chains.For("kcm-system", "aws-standalone-cp-1-0-44"));
        Assert.Empty(chains.For("other", "aws-standalone-cp-1-0-42"));
    }

    [Fact]
    public void InfrastructureProvider_WhenTheTemplateNamesOne_IsItsSuffix()
    {
        var template = ClusterTemplate.Read(JsonDocument.Parse("""
            {"metadata": {"name": "t", "namespace": "n"},
             "status": {"valid": true, "providers": ["bootstrap-k0sproject-k0smotron", "infrastructure-openstack"], "config": {"k0s": {"version": "v1.36.3+k0s.2"}}}}
            """).RootElement);

        Assert.Equal(("openstack", "v1.36.3+k0s.2", true), (template.InfrastructureProvider, template.K0sVersion, template.Valid));
    }
}
