namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>Where <c>childctl kubeconfig</c> puts the child's kubeconfig.</summary>
public enum KubeconfigDestination
{
    /// <summary>Printed on stdout (the default).</summary>
    Stdout,

    /// <summary>A new file, 0600; an existing one only with --force.</summary>
    File,

    /// <summary>Merged into an existing kubeconfig as a context named after the cluster.</summary>
    Merge,
}
