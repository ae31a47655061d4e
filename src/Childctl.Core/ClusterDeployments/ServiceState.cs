namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// One add-on service of a ClusterDeployment: declared in <c>spec.serviceSpec.services</c> and, once the
/// controller reports it, with its state from <c>status.services</c> (null <see cref="State"/> until then).
/// </summary>
public sealed record ServiceState(
    string Name,
    string Namespace,
    string Template,
    string? State,
    string? FailureMessage);
