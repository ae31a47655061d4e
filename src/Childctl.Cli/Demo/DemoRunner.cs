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
