namespace Childctl.Core.Operations.Audit;

/// <summary>One spec value that differs from what history recorded: null means absent on that side.</summary>
public sealed record SpecDifference(string Field, string? Recorded, string? Live)
{
    public string Describe() => $"{Field} {Recorded ?? "(unset)"} → {Live ?? "(unset)"}";
}
