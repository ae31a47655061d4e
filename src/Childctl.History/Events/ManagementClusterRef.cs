namespace Childctl.History.Events;

/// <summary>The management cluster an event happened on: kubeconfig cluster name and API server URL.</summary>
public sealed record ManagementClusterRef(string Name, string? Server);
