namespace Childctl.Cli;

/// <summary>One run of the CLI: the host and the raw arguments, handed to every command factory.</summary>
internal sealed record CliSession(CliHost Host, IReadOnlyList<string> Arguments);
