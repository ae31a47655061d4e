using Childctl.Kubernetes.Config;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Config;

public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-kubeconfig-reader");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_WhenPathsAreRelative_ResolvesThemAgainstTheFilesFolderLikeKubectl()
    {
        var path = Write("nested/config", """
            clusters:
            - name: c
              cluster: {server: "https://a:6443", certificate-authority: certs/ca.pem}
            users:
            - name: u
              user:
                client-certificate: ../client.pem
                client-key: /abs/key.pem
                tokenFile: token
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin}
            - name: on-path
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}
            """);

        var config = KubeconfigReader.Read(path);

        var folder = _dir.Combine("nested");
        Assert.Equal(Path.Combine(folder, "certs", "ca.pem"), config.Clusters[0].CertificateAuthority);
        var user = config.Users[0];
        Assert.Equal(_dir.Combine("client.pem"), user.ClientCertificate);
        Assert.Equal("/abs/key.pem", user.ClientKey);
        Assert.Equal(Path.Combine(folder, "token"), user.TokenFile);
        Assert.Equal(Path.Combine(folder, "bin", "plugin"), user.Exec!.Command);
        Assert.Equal("aws", config.Users[1].Exec!.Command);
        Assert.Equal(path, user.SourceFile);
    }

    [Fact]
    public void Read_WhenTheUserHasAnExecSection_TakesEveryField()
    {
        var path = Write("config", """
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: get-token
                  args: [--cluster, "prod"]
                  env: [{name: A, value: "1"}, {name: B, value: two}]
                  installHint: "brew install get-token"
                  provideClusterInfo: true
                  interactiveMode: Never
            """);

        var exec = KubeconfigReader.Read(path).Users.Single().Exec!;

        Assert.Equal("client.authentication.k8s.io/v1beta1", exec.ApiVersion);
        Assert.Equal(["--cluster", "prod"], exec.Args);
        Assert.Equal([new("A", "1"), new("B", "two")], exec.Env);
        Assert.Equal("brew install get-token", exec.InstallHint);
        Assert.True(exec.ProvideClusterInfo);
        Assert.Equal("Never", exec.InteractiveMode);
    }

    [Fact]
    public void Read_WhenValuesAreNullEmptyOrUnknown_TreatsThemAsAbsent()
    {
        var path = Write("config", """
            current-context: ~
            preferences: {colors: true}
            clusters: [{name: c, cluster: {server: "https://a:6443", certificate-authority-data: null, extensions: []}}]
            users: [{name: u, user: {token: "", username: ~}}]
            """);

        var config = KubeconfigReader.Read(path);

        Assert.Null(config.CurrentContext);
        Assert.Null(config.Clusters[0].CertificateAuthorityData);
        Assert.Null(config.Users[0].Token);
        Assert.Null(config.Users[0].Username);
    }

    [Fact]
    public void Read_WhenTheFileIsEmpty_IsAnEmptyKubeconfig()
    {
        var config = KubeconfigReader.Read(Write("config", string.Empty));

        Assert.Empty(config.Contexts);
        Assert.Null(config.CurrentContext);
    }

    [Fact]
    public void Read_WhenAFlagIsNotABoolean_SaysWhich()
    {
        var path = Write("config", "clusters: [{name: c, cluster: {server: x, insecure-skip-tls-verify: sometimes}}]");

        var error = Assert.Throws<InvalidDataException>(() => KubeconfigReader.Read(path));

        Assert.Contains("\"insecure-skip-tls-verify\" must be true or false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_WhenNamesRepeat_KeepsTheFirstDefinitionAndEachFilesFolder()
    {
        var first = KubeconfigReader.Read(Write("one/config", """
            current-context: a
            clusters: [{name: shared, cluster: {server: "https://one:6443", certificate-authority: ca.pem}}]
            """));
        var second = KubeconfigReader.Read(Write("two/config", """
            current-context: b
            contexts: [{name: b, context: {cluster: other}}]
            clusters:
            - {name: shared, cluster: {server: "https://two:6443"}}
            - {name: other, cluster: {server: "https://other:6443", certificate-authority: ca.pem}}
            """));

        var merged = KubeconfigDocument.Merge([first, second]);

        Assert.Equal("a", merged.CurrentContext);
        Assert.Equal(["shared", "other"], merged.Clusters.Select(c => c.Name));
        Assert.Equal("https://one:6443", merged.Clusters[0].Server);
        Assert.Equal(_dir.Combine("one", "ca.pem"), merged.Clusters[0].CertificateAuthority);
        Assert.Equal(_dir.Combine("two", "ca.pem"), merged.Clusters[1].CertificateAuthority);
        Assert.Equal("b", merged.Contexts.Single().Name);
    }

    private string Write(string name, string content)
    {
        var path = _dir.Combine(name.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
