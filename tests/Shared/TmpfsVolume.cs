using System.Diagnostics;

namespace Cairn.Tests.Shared;

/// <summary>
/// A small tmpfs mounted for one test, so that a volume can be filled for real. Mounting needs Linux and root
/// (CAP_SYS_ADMIN); without them the test is skipped, or fails under CI (<see cref="Prerequisite"/>). The filler
/// file lives at the volume's root, beside whatever directory the test puts there.
/// </summary>
public sealed class TmpfsVolume : IDisposable
{
    private const int NoSpace = 28;

    private TmpfsVolume(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string FillerPath => System.IO.Path.Combine(Path, "filler");

    /// <summary>Free bytes on the volume (statvfs).</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> (rounded up to pages) on a fresh directory.</summary>
    public static TmpfsVolume Mount(long sizeBytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            Prerequisite.Missing("tmpfs mount", "tmpfs is a Linux file system");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cairn-tmpfs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes},mode=0700", "tmpfs", path);
        if (exitCode != 0)
        {
            Directory.Delete(path);
            Prerequisite.Missing("tmpfs mount", $"'mount -t tmpfs' failed ({output.Trim()}); these tests need root");
        }

        return new TmpfsVolume(path);
    }

    /// <summary>
    /// Appends to the filler file until the volume reports ENOSPC, so not one block is left; returns the bytes
    /// written. Called again, it tops the volume up.
    /// </summary>
    public long Fill()
    {
        using var file = new FileStream(FillerPath, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, BufferSize = 0 });
        var start = file.Length;
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)0x5a);
        try
        {
            while (true)
            {
                // A short write fills the last blocks; the next write then fails.
                file.Write(chunk);
            }
        }
        catch (IOException e) when (e.HResult == NoSpace)
        {
        }

        return file.Length - start;
    }

    /// <summary>Fills the volume, then gives back <paramref name="bytes"/> from the filler: exactly that much stays free.</summary>
    public void FillLeaving(long bytes)
    {
        Fill();
        using var file = new FileStream(FillerPath, FileMode.Open, FileAccess.Write);
        file.SetLength(file.Length - bytes);
    }

    public void RemoveFiller() => File.Delete(FillerPath);

    public void Dispose()
    {
        if (Run("umount", Path).ExitCode != 0)
        {
            // Something still holds a file open (a server that failed to stop): detach now, free later.
            Run("umount", "-l", Path);
        }

        Directory.Delete(Path);
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill();
                return (-1, $"{program} timed out");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program}: {e.Message}");
        }
    }
}
