namespace Childctl.Sandbox.Api.Definitions;

/// <summary>Which columns a kind's Table has: a CRD's printer columns, or the apiserver's fixed set for a core kind.</summary>
internal enum TableStyle
{
    Custom,
    Namespace,
    Secret,
    ConfigMap,
    Event,
    CustomResourceDefinition,
}
