namespace Childctl.History.Codec;

/// <summary>The parsed file plus where a torn tail, if any, begins (a byte offset).</summary>
public sealed record TailInspection(TailVerdict Verdict, HistoryDocument Document, long Boundary);
