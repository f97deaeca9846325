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
    public static TimeSpan? ReadCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds((double)ticks / Native.ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
