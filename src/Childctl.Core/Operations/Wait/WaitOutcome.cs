using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>A wait that ended well: Ready (goal Ready) or Gone (goal Deleted), after how long, and the last object seen.</summary>
public sealed record WaitOutcome(WaitState State, TimeSpan Elapsed, ClusterDeployment? Cluster, string Message);
