namespace Childctl.Sandbox.Storage;

/// <summary>Builds the errors a kube-apiserver gives, with its exact message shapes (clients and users match on them).</summary>
public static class StoreErrors
{
    private const string Modified = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>"clusterdeployments.k0rdent.mirantis.com", or "secrets" for the core group.</summary>
    public static string Resource(ResourceType type) => type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";

    /// <summary>"ClusterDeployment.k0rdent.mirantis.com", or "Secret" for the core group.</summary>
    public static string QualifiedKind(ResourceType type) => type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";

    public static StoreException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{Resource(type)} \"{name}\" not found", new StatusDetails(name, NullIfEmpty(type.Group), type.Plural));

    public static StoreException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new StatusDetails(ns, null, "namespaces"));

    public static StoreException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{Resource(type)} \"{name}\" already exists", new StatusDetails(name, NullIfEmpty(type.Group), type.Plural));

    public static StoreException Conflict(ResourceType type, string name, string why = Modified) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Resource(type)} \"{name}\": {why}", new StatusDetails(name, NullIfEmpty(type.Group), type.Plural));

    public static StoreException NamespaceTerminating(ResourceType type, string name, string ns) =>
        new(403, "Forbidden", $"{Resource(type)} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
            new StatusDetails(name, NullIfEmpty(type.Group), type.Plural));

    public static StoreException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>
    /// 422 Invalid; the message lists the causes the way the apiserver does (identical ones once, bracketed when more
    /// than one), while details keep every cause.
    /// </summary>
    public static StoreException Invalid(ResourceType type, string name, IReadOnlyList<StatusCause> causes)
    {
        var parts = causes.Select(c => $"{c.Field}: {c.Message}").Distinct(StringComparer.Ordinal).ToList();
        var joined = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        return new StoreException(422, "Invalid", $"{QualifiedKind(type)} \"{name}\" is invalid: {joined}",
            new StatusDetails(name, NullIfEmpty(type.Group), type.Kind, causes));
    }

    public static StoreException Invalid(ResourceType type, string name, StatusCause cause) => Invalid(type, name, [cause]);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
