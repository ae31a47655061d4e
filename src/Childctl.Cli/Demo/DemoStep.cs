namespace Childctl.Cli.Demo;

/// <summary>
/// One step of the demo: what it shows, the command line a user would type (printed with a <c>$</c> prompt),
/// and what the demo does for it. A step fails the demo by throwing.
/// </summary>
internal sealed record DemoStep(string Note, Func<DemoSession, string> CommandLine, Func<DemoSession, CancellationToken, Task> RunAsync);
