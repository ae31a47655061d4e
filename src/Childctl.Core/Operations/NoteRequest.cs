using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>An operator note for one cluster, with who wrote it, when, and the command line that did it.</summary>
public sealed record NoteRequest(
    ManagementCluster ManagementCluster,
    string Namespace,
    string Name,
    string Text,
    string? Reason,
    string User,
    string CommandLine,
    DateTimeOffset Now);
