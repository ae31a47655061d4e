using System.Security.Cryptography.X509Certificates;

namespace Childctl.Core.Kubernetes.Exec;

/// <summary>A credential a plugin issued, checked and loaded: token and/or client certificate, and its expiry if any.</summary>
internal sealed record IssuedCredential(string? Token, X509Certificate2? ClientCertificate, DateTimeOffset? Expires);
