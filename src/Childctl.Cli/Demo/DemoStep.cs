namespace Childctl.Cli.Demo;

/// <summary>
/// One step of the demo: what it shows, the command line a user would type (printed with a <c>$</c> prompt; null
/// for a step that only tells something), and what the demo does for it. A step fails the demo by throwing.
/// <paramref name="When"/>, if given, decides at run time whether the step is shown at all.
/// </summary>
internal sealed record DemoStep(
    string Note,
    Func<DemoSession, string?> CommandLine,
    Func<DemoSession, CancellationToken, Task> RunAsync,
    Func<DemoSession, bool>? When = null);
