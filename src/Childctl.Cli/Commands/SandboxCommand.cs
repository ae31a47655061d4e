using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl sandbox up|down|status</c>: a local management cluster to try childctl and kubectl on.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliSession session) => new("sandbox", "Run a local simulated k0rdent management cluster (no cloud needed)")
    {
        SandboxUpCommand.Create(session),
        SandboxDownCommand.Create(session),
        SandboxStatusCommand.Create(session),
    };
}
