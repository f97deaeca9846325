using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cairn.Bench.Report;

/// <summary>The machine a run was on: what bench/README.md quotes beside the table.</summary>
internal sealed record MachineInfo
{
    public required int Processors { get; init; }
    public required string CpuModel { get; init; }
    public required double MemoryGiB { get; init; }
    public required string Disk { get; init; }
    public required string Kernel { get; init; }
    public required string Runtime { get; init; }

    public static MachineInfo Collect(string dataDirectory) => new()
    {
        Processors = Environment.ProcessorCount,
        CpuModel = ReadCpuModel(),
        MemoryGiB = Math.Round(ReadMemTotalKiB() / 1024.0 / 1024.0, 1),
        Disk = DescribeDisk(dataDirectory),
        Kernel = TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
    };

    /// <summary>The 1, 5 and 15-minute load averages: how busy the machine was (client and server are part of it).</summary>
    public static string LoadAverage() => string.Join(' ', (TryRead("/proc/loadavg") ?? "? ? ?").Split(' ').Take(3));

    private static string ReadCpuModel() =>
        (TryRead("/proc/cpuinfo") ?? string.Empty).Split('\n')
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static long ReadMemTotalKiB()
    {
        var line = (TryRead("/proc/meminfo") ?? string.Empty).Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The df line (device, type, size, used, available, mount) of the filesystem holding the data dir.</summary>
    private static string DescribeDisk(string path)
    {
        try
        {
            var info = new ProcessStartInfo("df", ["-hT", path]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var df = Process.Start(info)!;
            var lines = df.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            df.WaitForExit();
            return lines.Length > 1 ? string.Join(' ', lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)) : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
