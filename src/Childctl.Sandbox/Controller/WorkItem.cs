using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>An object the controller has to look at.</summary>
internal readonly record struct WorkItem(ResourceType Type, string Namespace, string Name);
