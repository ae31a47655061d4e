using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// Every item of a (possibly paged) list, as served. The elements stay backed by the pages' parsed documents,
/// so items are neither copied nor re-serialised.
/// </summary>
public sealed record ObjectList(ResourceKind Kind, IReadOnlyList<JsonElement> Items);
