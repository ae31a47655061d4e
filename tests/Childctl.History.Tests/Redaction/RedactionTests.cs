using Childctl.History.Redaction;

namespace Childctl.History.Tests.Redaction;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("clientSecret")]
    [InlineData("client_secret")]
    [InlineData("client-secret")]
    [InlineData("token")]
    [InlineData("bootstrapToken")]
    [InlineData("ssh_private_key")]
    [InlineData("apiKey")]
    [InlineData("kubeconfig")]
    [InlineData("credential_data")]
    [InlineData("credentialsJson")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    public void SecretKeys_NamesThatHoldSecrets_AreSecret(string key) => Assert.True(SecretKeys.IsSecret(key));

    [Theory]
    [InlineData("credential")]
    [InlineData("template")]
    [InlineData("location")]
    [InlineData("cp_instance_size")]
    [InlineData("workers")]
    public void SecretKeys_OrdinaryNames_AreKept(string key) => Assert.False(SecretKeys.IsSecret(key));

    [Theory]
    [InlineData("Authorization: Bearer abcdefghijklmnop")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----")]
    [InlineData("https://admin:hunter2@registry.example.com/v2")]
    [InlineData("QUtJQUlPU0ZPRE5ON0VYQU1QTEUvd0phbHJYVXRuRkVNSS9LN01ERU5H")]
    [InlineData("password=hunter2")]
    [InlineData("db_password: 'x y z'")]
    public void SecretPatterns_SecretLookingText_IsMasked(string text)
    {
        var redacted = SecretPatterns.Redact(text)!;

        Assert.Contains("<redacted>", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEow", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmF0dXJl", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here", "aws secret <redacted> here")]
    [InlineData("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY=<redacted>")]
    [InlineData("used ghp_abcdefghijklmnopqrstuvwxyz0123456789 to clone", "used <redacted> to clone")]
    [InlineData("token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "token <redacted>")]
    [InlineData("glpat-abcdefghij0123456789", "<redacted>")]
    [InlineData("the password is hunter2", "the password is <redacted>")]
    [InlineData("Password was swordfish, changed since", "Password was <redacted>, changed since")]
    [InlineData("password: hunter2", "password: <redacted>")]
    [InlineData("the admin password for alice is s3cret!", "the admin password for alice is <redacted>")]
    [InlineData("api key is 12345abcde", "api key is <redacted>")]
    public void SecretPatterns_FortyCharacterKeysPrefixedTokensAndPhrases_AreMasked(string text, string expected) =>
        Assert.Equal(expected, SecretPatterns.Redact(text));

    [Theory]
    [InlineData("the password is required")]
    [InlineData("token is expired")]
    [InlineData("commit 3f786850e387550fdab836ed7e6dc881de23001b")]
    [InlineData("Template: azure-standalone-cp-1-0-45, Credential: azure-cluster-identity-cred, DryRun: false")]
    [InlineData("6a1f3c2e-0000-4000-8000-000000000001")]
    [InlineData("a-very-long-cluster-name-that-is-still-only-lower-case-and-digits-123")]
    [InlineData("01JZ0000000000000000000001")]
    [InlineData("https://10.0.0.4:6443")]
    public void SecretPatterns_OrdinaryText_IsUnchanged(string text) => Assert.Equal(text, SecretPatterns.Redact(text));

    [Theory]
    [InlineData("childctl create c1 --token=abc123", "childctl create c1 --token=<redacted>")]
    [InlineData("childctl create c1 --token abc123 -n x", "childctl create c1 --token <redacted> -n x")]
    [InlineData("childctl create c1 --client-secret 's p a c e'", "childctl create c1 --client-secret <redacted>")]
    [InlineData("childctl create c1 --set password=hunter2", "childctl create c1 --set password=<redacted>")]
    [InlineData("childctl --kubeconfig /home/me/.kube/config history", "childctl --kubeconfig /home/me/.kube/config history")]
    [InlineData("childctl note c1 'it''s fine'", "childctl note c1 'its fine'")]
    [InlineData("childctl note c1 'rotated; password=hunter2 now'", "childctl note c1 'rotated; password=<redacted> now'")]
    public void CommandLine_SecretFlagsAndValues_AreMasked(string line, string expected) =>
        Assert.Equal(expected, CommandLineRedactor.Redact(line));

    [Fact]
    public void Redactor_ParametersByKeyAndByValue()
    {
        var e = Events.Note("e1") with
        {
            Parameters = new Dictionary<string, string> { ["sshKey"] = "ssh-rsa AAAA", ["note"] = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", ["location"] = "eastus" },
        };

        var redacted = Redactor.Redact(e).Parameters!;

        Assert.Equal(["<redacted>", "<redacted>", "eastus"], redacted.Values);
    }
}
