using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>The single error → exit-code map of DESIGN.md "Exit codes". Nothing else picks exit codes for errors.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int General = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int PermissionDenied = 4;
    public const int Unreachable = 5;
    public const int WaitTimedOut = 6;
    public const int ClusterFailed = 7;
    public const int PartialFailure = 8;

    /// <summary>
    /// <c>audit</c> ran and found clusters not in step with history (created, recreated, changed, deleting or deleted
    /// elsewhere). Not an error: distinct from 1 so that a cron job can alert on drift and still tell a broken audit.
    /// </summary>
    public const int AuditFindings = 9;
    public const int Interrupted = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => InvalidInput,
        ErrorKind.NotFound => NotFound,
        ErrorKind.PermissionDenied => PermissionDenied,
        ErrorKind.Unreachable => Unreachable,
        ErrorKind.WaitTimedOut => WaitTimedOut,
        ErrorKind.ClusterFailed => ClusterFailed,
        ErrorKind.PartialFailure => PartialFailure,
        ErrorKind.CorruptHistory => InvalidInput,
        ErrorKind.Conflict => General,
        _ => General,
    };

    /// <summary>Maps any exception that escaped a command to its exit code.</summary>
    public static int For(Exception error) => error switch
    {
        ChildctlException e => For(e.Kind),
        OperationCanceledException => Interrupted,
        _ => General,
    };
}
