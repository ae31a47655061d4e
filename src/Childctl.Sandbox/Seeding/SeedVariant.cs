namespace Childctl.Sandbox.Seeding;

/// <summary>The story behind a pre-seeded cluster within its phase.</summary>
internal enum SeedVariant
{
    Normal,
    Scaled,
    InvalidConfig,
    MissingTemplate,
    QuotaExceeded,
    HungDeletion,
}
