using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>What changed in the store: ADDED, MODIFIED or DELETED, with the object after the change.</summary>
public sealed record StoreEvent(string Type, ResourceType Resource, JsonObject Object, long ResourceVersion);
