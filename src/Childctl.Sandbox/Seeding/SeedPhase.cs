namespace Childctl.Sandbox.Seeding;

/// <summary>The phase a pre-seeded cluster starts in (the CLI's phase names, REFERENCE.md §8).</summary>
public enum SeedPhase
{
    Ready,
    Provisioning,
    Failed,
    Deleting,
    DryRun,
}
