using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The <c>status.conditions</c> list of an object, edited with apimachinery's <c>meta.SetStatusCondition</c>
/// rules: a new type is appended; lastTransitionTime changes only when the status changes; reason, message
/// and observedGeneration are always overwritten. Those rules are what make a repeated reconcile a no-op.
/// </summary>
internal sealed class ConditionList
{
    private readonly JsonArray _items;

    public ConditionList(JsonObject status)
    {
        if (status["conditions"] is not JsonArray items)
        {
            items = [];
            status["conditions"] = items;
        }

        _items = items;
    }

    public bool IsEmpty => _items.Count == 0;

    public IEnumerable<Condition> All => _items.OfType<JsonObject>().Select(Read);

    public Condition? Get(string type) => Find(type) is { } node ? Read(node) : null;

    /// <summary>Sets a condition; <paramref name="observedGeneration"/> null leaves that field out (ServicesInReadyState).</summary>
    public void Set(string type, string status, string reason, string message, long? observedGeneration, DateTimeOffset now)
    {
        var node = Find(type);
        if (node is not null && Matches(node, status, reason, message, observedGeneration))
        {
            return; // the common case on a settled cluster: nothing to rewrite, nothing to allocate
        }

        var changed = node is null || JsonAccess.String(node, "status") != status || node["lastTransitionTime"] is null;
        var transition = changed ? Timestamps.Write(now) : JsonAccess.String(node, "lastTransitionTime");
        var fresh = new JsonObject { ["type"] = type, ["status"] = status };
        if (observedGeneration is { } generation)
        {
            fresh["observedGeneration"] = generation;
        }

        fresh["lastTransitionTime"] = transition;
        fresh["reason"] = reason;
        fresh["message"] = message;
        if (node is null)
        {
            _items.Add((JsonNode)fresh);
        }
        else
        {
            _items[_items.IndexOf(node)] = fresh;
        }
    }

    public void Remove(string type)
    {
        if (Find(type) is { } node)
        {
            _items.Remove(node);
        }
    }

    private static Condition Read(JsonObject node) => new(
        JsonAccess.String(node, "type") ?? "",
        JsonAccess.String(node, "status") ?? "Unknown",
        JsonAccess.String(node, "reason") ?? "",
        JsonAccess.String(node, "message") ?? "",
        Timestamps.Read(JsonAccess.String(node, "lastTransitionTime")),
        JsonAccess.Long(node, "observedGeneration"));

    private static bool Matches(JsonObject node, string status, string reason, string message, long? observedGeneration) =>
        node["lastTransitionTime"] is not null
        && JsonAccess.String(node, "status") == status
        && JsonAccess.String(node, "reason") == reason
        && JsonAccess.String(node, "message") == message
        && JsonAccess.Integer(node["observedGeneration"]) == observedGeneration;

    private JsonObject? Find(string type) =>
        _items.OfType<JsonObject>().FirstOrDefault(c => JsonAccess.String(c, "type") == type);
}

/// <summary>One metav1.Condition as read from an object.</summary>
internal sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset? LastTransitionTime,
    long? ObservedGeneration)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";

    public bool IsUnknown => Status == "Unknown";
}

/// <summary>A condition value to set in this reconcile.</summary>
internal sealed record ConditionUpdate(string Type, string Status, string Reason, string Message)
{
    public static ConditionUpdate True(string type, string reason = Reasons.Succeeded, string message = "") => new(type, "True", reason, message);

    public static ConditionUpdate False(string type, string message, string reason = Reasons.Failed) => new(type, "False", reason, message);

    public static ConditionUpdate Unknown(string type, string message = "", string reason = Reasons.Progressing) => new(type, "Unknown", reason, message);
}
