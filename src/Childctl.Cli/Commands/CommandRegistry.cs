using System.CommandLine;

namespace Childctl.Cli.Commands;

/// <summary>Every top-level command, in the order help lists them. Add a command here and nowhere else.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> Create(CliRun run) =>
    [
        ListCommand.Create(run),
        StatusCommand.Create(run),
        EventsCommand.Create(run),
        TemplatesCommand.Create(run),
        CredentialsCommand.Create(run),
        CreateCommand.Create(run),
        WaitCommand.Create(run),
        WatchCommand.Create(run),
        KubeconfigCommand.Create(run),
        ScaleCommand.Create(run),
        UpgradeCommand.Create(run),
        SetCommand.Create(run),
        EditCommand.Create(run),
        DeleteCommand.Create(run),
        SandboxCommand.Create(run),
        DemoCommand.Create(run),
        VersionCommand.Create(run),
        HistoryCommand.Create(run),
        NoteCommand.Create(run),
        AuditCommand.Create(run),
        MigrateCommand.Create(run),
        CompletionCommand.Create(run),
        InstallCommand.Create(run),
        HelpCommand.Create(run),
    ];
}
