using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// What a create did: the manifest sent, the object the server returned (for a server dry run: as it would be
/// stored), the template and credential chosen (and whether childctl chose them), and the new object's uid.
/// </summary>
public sealed record CreateResult(
    string Namespace,
    string Name,
    JsonObject Manifest,
    JsonElement ServerObject,
    bool ServerDryRun,
    string Template,
    bool TemplateDefaulted,
    string Credential,
    bool CredentialDefaulted,
    string? Uid);
