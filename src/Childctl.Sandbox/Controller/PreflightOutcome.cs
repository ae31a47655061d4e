namespace Childctl.Sandbox.Controller;

/// <summary>How far the checks before deploying got: blocked by an error, stopped by dryRun, or clear to deploy.</summary>
internal enum PreflightOutcome
{
    Blocked,
    DryRun,
    Deploy,
}
