namespace Childctl.Cli.Output.History;

internal sealed record ManagementClusterJson(string Name, string? Server);
