using Childctl.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C cancels the running operation cleanly (exit 130); a second one kills the process.
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};

return await CliApp.RunAsync(args, CliHost.ForProcess(), interrupt.Token);
