using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Scale;

/// <summary>The counts before and after (null when the spec did not set them, i.e. the template default), and the object after.</summary>
public sealed record ScaleResult(long? WorkersBefore, long? WorkersAfter, long? ControlPlanesBefore, long? ControlPlanesAfter, bool Changed, ClusterDeployment Cluster);
