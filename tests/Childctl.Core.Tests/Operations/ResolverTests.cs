using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Credentials;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;
using Childctl.Core.Templates;

namespace Childctl.Core.Tests.Operations;

public class ResolverTests
{
    private static readonly ClusterTemplate[] Templates =
    [
        Template("azure-standalone-cp-1-0-9", "1.0.9", valid: true),
        Template("azure-standalone-cp-1-0-45", "1.0.45", valid: true),
        Template("azure-standalone-cp-1-0-46", "1.0.46", valid: false),
        Template("azure-hosted-cp-1-0-50", "1.0.50", valid: true),
        Template("aws-standalone-cp-1-0-43", "1.0.43", valid: true, provider: "aws"),
    ];

    [Fact]
    public void ResolveTemplate_WhenNoneIsNamed_PicksTheNewestValidStandaloneByChartVersion()
    {
        Assert.Equal("azure-standalone-cp-1-0-45", TemplateResolver.Resolve(Templates, "ns", CloudProvider.Azure, null).Name);
    }

    [Fact]
    public void ResolveTemplate_WhenTheNamedOneIsInvalid_IsInvalidInputWithTheReason()
    {
        var error = Assert.Throws<ChildctlException>(() => TemplateResolver.Resolve(Templates, "ns", CloudProvider.Azure, "azure-standalone-cp-1-0-46"));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("is not valid: chart missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveTemplate_WhenTheCloudHasNone_IsNotFound()
    {
        var error = Assert.Throws<ChildctlException>(() => TemplateResolver.Resolve(Templates, "ns", CloudProvider.Gcp, null));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("1.0.10", "1.0.9", 1)]
    [InlineData("1.0.45", "1.0.45", 0)]
    [InlineData("1.1.0-rc1", "1.1.0", -1)]
    [InlineData("v2.0.0", "1.99.99", 1)]
    [InlineData("1.1.0-rc.10", "1.1.0-rc.9", 1)]
    [InlineData("1.1.0-rc.1", "1.1.0-beta.11", 1)]
    [InlineData("1.1.0-alpha", "1.1.0-alpha.1", -1)]
    [InlineData("1.1.0-alpha.1", "1.1.0-alpha.beta", -1)]
    [InlineData("1.1.0-1", "1.1.0-alpha", -1)]
    [InlineData("1.0.0+build.9", "1.0.0+build.10", 0)]
    [InlineData("not-a-version", "0.0.1", -1)]
    public void ChartVersion_WhenCompared_OrdersAsVersions(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(ChartVersion.Parse(a).CompareTo(ChartVersion.Parse(b))));

    [Fact]
    public void ResolveCredential_WhenNoneIsNamed_IsTheOneReadyForTheCloud()
    {
        Credential[] credentials = [Cred("az", "AzureClusterIdentity", true), Cred("az-old", "AzureClusterIdentity", false), Cred("aws", "AWSClusterStaticIdentity", true)];

        Assert.Equal("az", CredentialResolver.Resolve(credentials, "ns", CloudProvider.Azure, null).Name);
    }

    [Fact]
    public void DefaultCredential_WhenSeveralAreReady_AsksToChoose_ListingThem()
    {
        Credential[] credentials = [Cred("a1", "AzureClusterIdentity", true), Cred("a2", "AzureClusterIdentity", true)];

        var error = Assert.Throws<ChildctlException>(() => CredentialResolver.Resolve(credentials, "ns", CloudProvider.Azure, null));

        Assert.Contains("several ready azure Credentials in namespace \"ns\" (a1 (ready), a2 (ready)): pass --credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCredential_WhenNoneIsReady_IsNotFound_ListingCandidatesAndWhy()
    {
        Credential[] credentials = [Cred("a1", "AzureClusterIdentity", false)];

        var error = Assert.Throws<ChildctlException>(() => CredentialResolver.Resolve(credentials, "ns", CloudProvider.Azure, null));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains("a1 (not ready: identity missing)", error.Message, StringComparison.Ordinal);
    }

    private static ClusterTemplate Template(string name, string version, bool valid, string provider = "azure") =>
        ClusterTemplate.Read(JsonDocument.Parse(
            "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\"},\"status\":{\"valid\":" + (valid ? "true" : "false")
            + ",\"validationError\":\"chart missing\",\"chartVersion\":\"" + version + "\",\"providers\":[\"infrastructure-" + provider + "\"]}}").RootElement);

    private static Credential Cred(string name, string kind, bool ready) =>
        Credential.Read(JsonDocument.Parse(
            "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\"},\"spec\":{\"identityRef\":{\"kind\":\"" + kind + "\",\"name\":\"i\"}},"
            + "\"status\":{\"ready\":" + (ready ? "true" : "false") + ",\"conditions\":[{\"type\":\"CredentialReady\",\"status\":\"" + (ready ? "True" : "False")
            + "\",\"reason\":\"x\",\"message\":\"" + (ready ? "Credential is ready" : "identity missing") + "\"}]}}").RootElement);
}
