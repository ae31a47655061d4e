using System.Runtime.InteropServices;
using System.Text;
using Childctl.Core;
using Microsoft.Win32.SafeHandles;

namespace Childctl.Cli;

/// <summary>
/// Everything the CLI takes from the process it runs in: streams, environment, terminal facts and
/// the clock. Tests build one with captured writers so they can run the real root command in-process.
/// </summary>
public sealed record CliHost
{
    public required TextWriter Out { get; init; }

    public required TextWriter Err { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Reads an environment variable; tests pass a dictionary so nothing leaks in.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public bool StdoutIsTerminal { get; init; }

    public bool StderrIsTerminal { get; init; }

    public bool StdinIsTerminal { get; init; }

    /// <summary>The width of the terminal behind stdout, asked each time (it may be resized); null when it is not one.</summary>
    public Func<int?> StdoutWidth { get; init; } = () => null;

    /// <summary>The width of the terminal behind stderr, where live progress is drawn; null when it is not one.</summary>
    public Func<int?> StderrWidth { get; init; } = () => null;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The command as the user typed it, for messages: <c>childctl</c>, or <c>kubectl childctl</c> when kubectl runs
    /// this binary as its plugin (through the <c>kubectl-childctl</c> link).
    /// </summary>
    public string ProgramName { get; init; } = "childctl";

    /// <summary>The OS user recorded in history.</summary>
    public string UserName { get; init; } = Environment.UserName;

    /// <summary>Cancelled by a second Ctrl-C: writes still waiting for an answer are abandoned (and recorded as unknown).</summary>
    public CancellationToken Abandon { get; init; }

    /// <summary>Builds each invocation's Core session from the global options; tests may hand in one of their own.</summary>
    public Func<SessionOptions, Session> CreateSession { get; init; } = options => new Session(options);

    /// <summary>The real process: its file descriptors through <see cref="Terminal"/>, which changes no terminal mode.</summary>
    public static CliHost ForProcess(string programName, CancellationToken abandon = default)
    {
        var stdoutIsTerminal = !Console.IsOutputRedirected;
        var stderrIsTerminal = !Console.IsErrorRedirected;
        return new()
        {
            ProgramName = programName,
            Abandon = abandon,
            Out = Terminal.Stdout,
            Err = Terminal.Stderr,
            In = Terminal.Stdin,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            StdoutIsTerminal = stdoutIsTerminal,
            StderrIsTerminal = stderrIsTerminal,
            StdinIsTerminal = !Console.IsInputRedirected,
            StdoutWidth = () => stdoutIsTerminal ? Terminal.Width(stderr: false, Environment.GetEnvironmentVariable) : null,
            StderrWidth = () => stderrIsTerminal ? Terminal.Width(stderr: true, Environment.GetEnvironmentVariable) : null,
        };
    }
}

/// <summary>
/// Under kubectl (<see cref="CliHost.ProgramName"/> <c>kubectl childctl</c>), stderr's "run 'childctl …'" advice names
/// the program as the user runs it. stdout is data and is never rewritten (history shows the commands as recorded).
/// </summary>
internal sealed class ProgramNameWriter(TextWriter inner, string programName) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public static CliHost Wrap(CliHost host) =>
        host.ProgramName == "childctl" || host.Err is ProgramNameWriter ? host : host with { Err = new ProgramNameWriter(host.Err, host.ProgramName) };

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : Output.CommandHelp.NameProgram(value, programName));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Output.CommandHelp.NameProgram(value, programName));

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();
}

/// <summary>
/// The process's terminal, reached without <see cref="Console"/>'s streams, width or Ctrl-C event: on Unix, .NET's
/// console initialisation writes the terminfo <c>keypad_xmit</c> string (<c>ESC[?1h ESC=</c>, application cursor and
/// keypad mode) the first time any of them is touched and never writes it back, which left every shell childctl ran in
/// with arrow keys sending the wrong codes. Writing to the file descriptors directly changes no terminal mode, so
/// there is nothing to restore on any exit path.
/// </summary>
internal static partial class Terminal
{
    private const int StdoutFd = 1;
    private const int StderrFd = 2;

    public static TextWriter Stdout { get; } = OperatingSystem.IsWindows() ? Console.Out : Writer(StdoutFd);

    public static TextWriter Stderr { get; } = OperatingSystem.IsWindows() ? Console.Error : Writer(StderrFd);

    public static TextReader Stdin { get; } = OperatingSystem.IsWindows()
        ? Console.In
        : new StreamReader(new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, 1), new UTF8Encoding(false));

    /// <summary>The width in columns of the terminal behind stdout (or stderr), else $COLUMNS, else null (not a terminal).</summary>
    public static int? Width(bool stderr, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var request = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? (nuint)0x40087468 : 0x5413;
                if (Ioctl(stderr ? StderrFd : StdoutFd, request, out var size) == 0 && size.Columns > 0)
                {
                    return size.Columns;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc ioctl here: fall back to $COLUMNS below.
            }
        }

        return int.TryParse(environment("COLUMNS"), out var columns) && columns > 0 ? columns : null;
    }

    /// <summary>TERM=dumb (Emacs shells, some CI logs): no cursor movement, no colour.</summary>
    public static bool IsDumb(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("TERM") == "dumb";
    }

    private static StreamWriter Writer(int fd) =>
        new(new DescriptorStream(fd), new UTF8Encoding(false), 16 * 1024) { AutoFlush = true };

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, out WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    /// <summary>
    /// Writes straight to a file descriptor with write(2): no position of its own (a FileStream on a redirected file
    /// writes at the offset it tracks, so with <c>&gt;out 2&gt;&amp;1</c> stdout and stderr overwrote each other), and
    /// once the reader has gone (<c>childctl list | head -1</c>: EPIPE) the rest is dropped quietly, as Console does.
    /// </summary>
    private sealed unsafe partial class DescriptorStream(int fd) : Stream
    {
        private const int Interrupted = 4;
        private bool _broken;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            fixed (byte* start = buffer)
            {
                var written = 0;
                while (!_broken && written < buffer.Length)
                {
                    var n = WriteNative(fd, start + written, buffer.Length - written);
                    if (n > 0)
                    {
                        written += (int)n;
                    }
                    else if (n < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                    {
                        continue;
                    }
                    else
                    {
                        _broken = true;
                    }
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static partial nint WriteNative(int fd, byte* buffer, nint count);
    }
}
