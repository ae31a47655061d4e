using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Childctl.Testing;

/// <summary>A kubectl left running (get -w): read its output line by line as it comes; disposing kills it.</summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _pump;

    internal KubectlProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _pump = Task.Run(PumpAsync);
    }

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The next stdout line satisfying <paramref name="match"/>; earlier lines are consumed. Throws on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Kubectl.DefaultTimeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no matching kubectl output in time; stderr: {StdErr}");
        }

        throw new InvalidOperationException($"kubectl exited (code {_process.ExitCode}) without matching output; stderr: {StdErr}");
    }

    /// <summary>Waits for the process to end by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Kubectl.DefaultTimeout);
        await _process.WaitForExitAsync(cts.Token);
        await _pump;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _pump;
        _process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }
}
