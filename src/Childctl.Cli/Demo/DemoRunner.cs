namespace Childctl.Cli.Demo;

/// <summary>Runs the demo's steps in order, each announced with its note and the command line a user would type.</summary>
internal static class DemoRunner
{
    public static async Task RunAsync(CliHost host, IReadOnlyList<DemoStep> steps, CancellationToken cancellationToken)
    {
        await using var session = new DemoSession(host);
        foreach (var step in steps)
        {
            if (step.When?.Invoke(session) == false)
            {
                continue;
            }

            await host.Out.WriteLineAsync($"# {step.Note}");
            if (step.CommandLine(session) is { } commandLine)
            {
                await host.Out.WriteLineAsync($"$ {commandLine}");
            }

            await step.RunAsync(session, cancellationToken);
            await host.Out.WriteLineAsync();
        }
    }
}

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
