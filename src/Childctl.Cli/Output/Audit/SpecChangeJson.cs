namespace Childctl.Cli.Output.Audit;

/// <summary>A spec value that differs from the recorded one; null means unset on that side.</summary>
internal sealed record SpecChangeJson(string Field, string? Recorded, string? Live);
