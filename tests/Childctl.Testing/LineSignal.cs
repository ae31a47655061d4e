namespace Childctl.Testing;

/// <summary>
/// A writer for a command's stderr that completes <see cref="Seen"/> once a line containing the expected text is written:
/// lets a test act at the moment a long-running command (a watch) has reached a point, without sleeping.
/// </summary>
public sealed class LineSignal(string expected) : StringWriter
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value?.Contains(expected, StringComparison.Ordinal) == true)
        {
            _seen.TrySetResult();
        }
    }

    /// <summary>Text written in one piece (a table of several lines) counts too.</summary>
    public override void Write(string? value)
    {
        base.Write(value);
        if (value?.Contains(expected, StringComparison.Ordinal) == true)
        {
            _seen.TrySetResult();
        }
    }
}
