using System.Diagnostics;
using System.Runtime.Versioning;
using Cairn.IntegrationTests.Clients;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Management;

/// <summary>
/// Makes a directory refuse new entries until disposed: mode 0500 for an ordinary user; for root, whom permission
/// bits do not stop, the immutable attribute (<c>chattr +i</c>), which refuses root as well.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyDirectory : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;
    private bool _disposed;

    private ReadOnlyDirectory(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyDirectory Make(string path)
    {
        if (Environment.UserName != "root")
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new ReadOnlyDirectory(path, mode);
        }

        var chattr = ExternalTool.Require("chattr");
        var (exitCode, output) = Run(chattr, "+i", path);
        if (exitCode != 0)
        {
            Prerequisite.Missing("chattr +i", $"the file system of {path} has no immutable attribute ({output.Trim()})");
        }

        return new ReadOnlyDirectory(path, null);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_mode is { } mode)
        {
            File.SetUnixFileMode(_path, mode);
        }
        else
        {
            Run("chattr", "-i", _path);
        }
    }

    private static (int ExitCode, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
