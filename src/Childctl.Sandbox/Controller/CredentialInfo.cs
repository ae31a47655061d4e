using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>What the controller needs from a Credential (REFERENCE.md §10).</summary>
internal sealed record CredentialInfo(string Namespace, string Name, bool Ready, string Region)
{
    public static CredentialInfo From(JsonObject credential) => new(
        JsonAccess.Namespace(credential),
        JsonAccess.Name(credential),
        JsonAccess.Bool(credential, "status", "ready"),
        JsonAccess.String(credential, "spec", "region") ?? "");
}
