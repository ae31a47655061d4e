using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Childctl.Kubernetes.Config;

namespace Childctl.Kubernetes.Exec;

/// <summary>Checks what a plugin printed as client-go does and loads it; never quotes it back (it is a secret).</summary>
internal static class ExecCredentialReader
{
    public static IssuedCredential Read(string output, ExecPluginConfig plugin, string user)
    {
        ExecCredential? credential;
        try
        {
            credential = string.IsNullOrWhiteSpace(output) ? null : JsonSerializer.Deserialize(output, ExecJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            throw ExecPluginErrors.Failed(plugin, user, $"printed something that is not an ExecCredential JSON object (at line {(e.LineNumber ?? 0) + 1})");
        }

        if (credential is null)
        {
            throw ExecPluginErrors.Failed(plugin, user, "printed no ExecCredential");
        }

        if (credential.ApiVersion != plugin.ApiVersion || credential.Kind != "ExecCredential")
        {
            throw ExecPluginErrors.Failed(plugin, user,
                $"answered with another kind or apiVersion than the ExecCredential of \"{plugin.ApiVersion}\" that the kubeconfig asks for");
        }

        var status = credential.Status ?? throw ExecPluginErrors.Failed(plugin, user, "returned an ExecCredential without a status");
        var hasCertificate = !string.IsNullOrEmpty(status.ClientCertificateData);
        if (hasCertificate != !string.IsNullOrEmpty(status.ClientKeyData))
        {
            throw ExecPluginErrors.Failed(plugin, user, "returned a client certificate or a client key, but not both");
        }

        if (string.IsNullOrEmpty(status.Token) && !hasCertificate)
        {
            throw ExecPluginErrors.Failed(plugin, user, "returned neither a token nor a client certificate and key");
        }

        return new IssuedCredential(NullIfEmpty(status.Token), hasCertificate ? Certificate(status, plugin, user) : null, status.ExpirationTimestamp);
    }

    private static X509Certificate2 Certificate(ExecCredentialStatus status, ExecPluginConfig plugin, string user)
    {
        try
        {
            return X509Certificate2.CreateFromPem(status.ClientCertificateData, status.ClientKeyData);
        }
        catch (CryptographicException)
        {
            throw ExecPluginErrors.Failed(plugin, user, "returned a client certificate and key that are not a matching PEM pair");
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
