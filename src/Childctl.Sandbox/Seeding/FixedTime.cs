namespace Childctl.Sandbox.Seeding;

/// <summary>A clock that reads whatever time it is set to: the seeder builds statuses "as of" moments in the past.</summary>
internal sealed class FixedTime : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
