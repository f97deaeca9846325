using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Cairn.Core.Names;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Exclusive use of something for as long as one process holds a lock file, taken without waiting: the file is
/// opened share-none, which .NET turns into an exclusive flock(2) on Unix (one per open file, so it also excludes a
/// second holder in the same process) and a share-none handle on Windows. The kernel drops it when the process
/// ends in any way, kill -9 included, so the file left behind never blocks a restart; it is never deleted, since
/// deleting a lock file lets two processes lock two files. The holder writes who it is into the file (pid, host
/// and node id) so a refused start can name it. The data directory's per-node lock and the SQLite database's
/// one-node lock are both such files.
/// </summary>
internal sealed class ExclusiveFileLock : IDisposable
{
    private const int MaxHolderBytes = 512;

    private readonly FileStream _file;

    private ExclusiveFileLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>What a holder writes about itself: its pid, host and node id.</summary>
    public static string HolderOf(NodeId node) =>
        string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}, node {node}");

    /// <summary>
    /// Takes the lock on <paramref name="path"/> (created 0600 if missing; its directory must exist) for
    /// <paramref name="node"/>, or reports at once that another handle holds it, with what that holder wrote
    /// (null when unknown).
    /// </summary>
    public static bool TryAcquire(string path, NodeId node, [NotNullWhen(true)] out ExclusiveFileLock? acquired, out string? holder)
    {
        acquired = null;
        holder = null;
        FileStream file;
        try
        {
            file = new FileStream(path, OwnerOnly.ForNewFile(new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 0, // a failed write leaves nothing pending for a later flush to fail on
            }));
        }
        catch (IOException e) when (IsLockedElsewhere(e))
        {
            holder = ReadHolder(path);
            return false;
        }

        try
        {
            file.SetLength(0);
            file.Write(Encoding.UTF8.GetBytes(HolderOf(node) + "\n"));
        }
        catch (IOException)
        {
            // A full volume: the lock is the flock, not the line naming its holder, so the server still starts
            // (and serves the reads and deletes that free space); a refused second server names no holder.
        }

        acquired = new ExclusiveFileLock(file, path);
        return true;
    }

    /// <summary>Releases the lock; the holder line is cleared first so nobody is named after this.</summary>
    public void Dispose()
    {
        try
        {
            _file.SetLength(0);
        }
        catch (IOException)
        {
            // The lock goes with the handle either way.
        }

        _file.Dispose();
    }

    /// <summary>
    /// A share-none open refused because another handle holds the lock: EWOULDBLOCK from flock on Unix
    /// (11 on Linux, 35 on the BSDs and macOS), a sharing or lock violation on Windows.
    /// </summary>
    private static bool IsLockedElsewhere(IOException e) =>
        OperatingSystem.IsWindows()
            ? (e.HResult & 0xFFFF) is 32 or 33
            : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    /// <summary>The holder's line, read without taking a lock (the holder has it); null when unknown.</summary>
    private static string? ReadHolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null; // a share-none handle cannot be read past
        }

        var bytes = PosixFile.ReadPrefix(path, MaxHolderBytes);
        var text = bytes is null ? null : Encoding.UTF8.GetString(bytes).Trim();
        return string.IsNullOrEmpty(text) ? null : text.ReplaceLineEndings(" ");
    }
}
