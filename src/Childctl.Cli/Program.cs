using System.Runtime.InteropServices;
using Childctl.Cli;
using var interrupt = new CancellationTokenSource();
using var abandon = new CancellationTokenSource();

// A POSIX signal handler rather than Console.CancelKeyPress, which initialises the console and with it the terminal's
// keypad mode (see Terminal).
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    // The first Ctrl-C stops the command: nothing new starts, a write in flight gets its answer and is recorded (exit 130).
    // The second abandons writes still waiting for an answer (recorded as unknown); a third kills the process.
    if (!interrupt.IsCancellationRequested)
    {
        context.Cancel = true;
        interrupt.Cancel();
    }
    else if (!abandon.IsCancellationRequested)
    {
        context.Cancel = true;
        abandon.Cancel();
    }
});

// kubectl runs plugins by file name: kubectl-childctl for `kubectl childctl ...`, and kubectl_complete-childctl to
// complete its arguments. Both are links to this binary that `childctl install` creates.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return invokedAs switch
{
    "kubectl_complete-childctl" => await CliApp.CompleteForKubectlAsync(args, CliHost.ForProcess("kubectl childctl", abandon.Token), interrupt.Token),
    "kubectl-childctl" => await CliApp.RunAsync(args, CliHost.ForProcess("kubectl childctl", abandon.Token), interrupt.Token),
    _ => await CliApp.RunAsync(args, CliHost.ForProcess("childctl", abandon.Token), interrupt.Token),
};
