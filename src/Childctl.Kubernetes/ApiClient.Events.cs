using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>The Events about one object.</summary>
public sealed partial class ApiClient
{
    /// <summary>
    /// The Events whose <c>involvedObject</c> has this kind and name, as served. The server selects by field, so the call
    /// needs no prior read of the object; callers keep those of the incarnation (uid) they care about.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var target = ApiTarget.List(ResourceKind.Event, ns);
        var path = ApiPaths.WithQuery(ApiPaths.Collection(ResourceKind.Event, ns), ("fieldSelector", $"involvedObject.kind={kind},involvedObject.name={name}"));
        return ReadAsync<IReadOnlyList<JsonElement>>(target, async ct =>
        {
            var list = await _transport.GetAsync(path, ct);
            return JsonPath.Array(list, "items")
                .Where(e => JsonPath.Object(e, "involvedObject") is { } o && JsonPath.String(o, "name") == name && JsonPath.String(o, "kind") == kind)
                .ToList();
        }, cancellationToken);
    }
}
