using System.Runtime.InteropServices;
using Childctl.Cli;
using var interrupt = new CancellationTokenSource();

// A POSIX signal handler rather than Console.CancelKeyPress, which initialises the console and with it the terminal's
// keypad mode (see Terminal). The first Ctrl-C cancels the running operation cleanly (exit 130); a second one kills.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    if (!interrupt.IsCancellationRequested)
    {
        context.Cancel = true;
        interrupt.Cancel();
    }
});

// kubectl runs plugins by file name: kubectl-childctl for `kubectl childctl ...`, and kubectl_complete-childctl to
// complete its arguments. Both are links to this binary that `childctl install` creates.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return invokedAs switch
{
    "kubectl_complete-childctl" => await CliApp.CompleteForKubectlAsync(args, CliHost.ForProcess("kubectl childctl"), interrupt.Token),
    "kubectl-childctl" => await CliApp.RunAsync(args, CliHost.ForProcess("kubectl childctl"), interrupt.Token),
    _ => await CliApp.RunAsync(args, CliHost.ForProcess("childctl"), interrupt.Token),
};
