using Cairn.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Space;

/// <summary>
/// Recognises "the volume is full" among file-system and SQLite failures, and turns it into the one client-facing
/// error for it (507 InsufficientStorage) instead of an internal error.
/// </summary>
internal static class DiskFull
{
    /// <summary>ENOSPC (Linux and macOS): no space left on device.</summary>
    private const int NoSpace = 28;

    /// <summary>EDQUOT on Linux: the user's disk quota is used up, which for Cairn is the same as a full volume.</summary>
    private const int LinuxQuotaExceeded = 122;

    /// <summary>Windows ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL as HRESULTs.</summary>
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>SQLITE_FULL: a write could not extend the database or its WAL.</summary>
    private const int SqliteFull = 13;

    /// <summary>
    /// SQLITE_IOERR_SHMSIZE: the WAL index (the <c>-shm</c> file) could not be extended. SQLite reports ENOSPC
    /// there as a plain I/O error; it is what opening the database after a restart on a full volume runs into.
    /// </summary>
    private const int SqliteIoErrShmSize = 10 | (19 << 8);

    public static bool Is(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull || sqlite.SqliteExtendedErrorCode == SqliteIoErrShmSize,
        // .NET on Unix puts the raw errno into HResult.
        IOException io => io.HResult == NoSpace
            || (io.HResult == LinuxQuotaExceeded && OperatingSystem.IsLinux())
            || io.HResult is WindowsDiskFull or WindowsHandleDiskFull,
        _ => false,
    };

    /// <summary>
    /// The client-facing error for a write that failed for lack of space; <paramref name="what"/> completes
    /// "while ...". The cause is named, but not its message, which carries server paths.
    /// </summary>
    public static CairnException Error(string what, Exception cause) =>
        new(ErrorCode.InsufficientStorage,
            $"The data volume ran out of space while {what} ({Describe(cause)}); nothing was changed. Free space on the volume or delete objects, then retry.",
            cause);

    private static string Describe(Exception cause) => cause switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => "SQLITE_FULL",
        SqliteException => "SQLITE_IOERR_SHMSIZE",
        IOException { HResult: LinuxQuotaExceeded } when OperatingSystem.IsLinux() => "disk quota exceeded",
        _ => "no space left on device",
    };
}
