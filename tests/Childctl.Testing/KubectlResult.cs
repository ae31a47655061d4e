namespace Childctl.Testing;

/// <summary>What a kubectl run produced.</summary>
public sealed record KubectlResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
