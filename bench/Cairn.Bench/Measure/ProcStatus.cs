using System.Globalization;

namespace Cairn.Bench.Measure;

/// <summary>Reads another process's memory and CPU counters from /proc (Linux only; null when unavailable).</summary>
internal static class ProcStatus
{
    /// <summary>A "VmXxx:" line of /proc/&lt;pid&gt;/status in bytes (VmRSS = resident now, VmHWM = peak resident).</summary>
    public static long? ReadMemory(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>User + system CPU time of a process (fields 14 and 15 of /proc/&lt;pid&gt;/stat).</summary>
    public static TimeSpan? ReadCpu(int pid) => ReadStat(pid) is { } stat ? Seconds(stat.UserTicks + stat.SystemTicks) : null;

    /// <summary>
    /// CPU time of a process and of its children, running or exited: PostgreSQL serves each connection in a child of
    /// the postmaster, and a child that exits adds its time to the parent's "children" fields (16 and 17), so the sum
    /// keeps counting it. Null when the process cannot be read.
    /// </summary>
    public static TimeSpan? ReadTreeCpu(int pid)
    {
        if (ReadStat(pid) is not { } parent)
        {
            return null;
        }

        var ticks = parent.UserTicks + parent.SystemTicks + parent.ChildrenTicks;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && ReadStat(child) is { } stat && stat.ParentPid == pid)
            {
                ticks += stat.UserTicks + stat.SystemTicks;
            }
        }

        return Seconds(ticks);
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds((double)ticks / Native.ClockTicksPerSecond);

    private static Stat? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return new Stat((int)Field(1), Field(11), Field(12), Field(13) + Field(14));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat the bench reads, in clock ticks.</summary>
    private readonly record struct Stat(int ParentPid, long UserTicks, long SystemTicks, long ChildrenTicks);
}
