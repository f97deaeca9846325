using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Bench.Measure;

/// <summary>The few Linux libc calls .NET does not expose: fdatasync, posix_fadvise, directory fsync, kill, sysconf.</summary>
internal static class Native
{
    public const int SigTerm = 15;
    private const int PosixFadvDontNeed = 4;
    private const int ScClkTck = 2;
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;

    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat times (100 on every mainstream kernel).</summary>
    public static readonly long ClockTicksPerSecond = ReadClockTicks();

    /// <summary>fdatasync(2): file data (and the metadata needed to read it) on stable storage.</summary>
    public static void FDataSync(SafeFileHandle file)
    {
        if (FDataSyncCall((int)file.DangerousGetHandle()) != 0)
        {
            throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Drops the file's clean pages from the page cache, so the next read comes from the disk.</summary>
    public static void DropFromPageCache(SafeFileHandle file) =>
        _ = PosixFadvise((int)file.DangerousGetHandle(), 0, 0, PosixFadvDontNeed);

    /// <summary>fsync(2) of a directory, so a rename into it is durable (what the server does after each blob).</summary>
    public static void SyncDirectory(string path)
    {
        var fd = Open(path, ORdOnly | ODirectory);
        if (fd < 0)
        {
            throw new IOException($"open({path}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (FSync(fd) != 0)
            {
                throw new IOException($"fsync({path}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Sends SIGTERM (graceful stop, like Ctrl+C) to a process; false when it is already gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    private static long ReadClockTicks()
    {
        try
        {
            var ticks = SysConf(ScClkTck);
            return ticks > 0 ? ticks : 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSyncCall(int fd);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
}
