using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary>Every top-level command, in the order help lists them. Add a command here and nowhere else.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> Create(CliSession session) =>
    [
        ListCommand.Create(session),
        StatusCommand.Create(session),
        TemplatesCommand.Create(session),
        CredentialsCommand.Create(session),
        CreateCommand.Create(session),
        WaitCommand.Create(session),
        WatchCommand.Create(session),
        KubeconfigCommand.Create(session),
        ScaleCommand.Create(session),
        UpgradeCommand.Create(session),
        DeleteCommand.Create(session),
        SandboxCommand.Create(session),
        DemoCommand.Create(session),
        VersionCommand.Create(session),
        HistoryCommand.Create(session),
        NoteCommand.Create(session),
        AuditCommand.Create(session),
        MigrateCommand.Create(session),
        CompletionCommand.Create(session),
        InstallCommand.Create(session),
    ];
}
