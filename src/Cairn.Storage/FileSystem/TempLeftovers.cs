namespace Cairn.Storage.FileSystem;

/// <summary>
/// The temp files a server finds in its node's own temp directory when it starts, listed before it accepts
/// requests so nothing it writes itself is among them. Such a file is a crash leftover unless some writer still
/// holds it: FileBlobWriter keeps its temp file open share-none (an exclusive flock on Unix) until it commits or
/// gives up, and the kernel drops that lock when the writer's process dies. So a leftover goes once its lock can
/// be taken and it is older than a grace period, and a file a live writer holds stays, whatever its age (a writer
/// whose client stalls gives up after the request body idle timeout). Other nodes' temp directories are never
/// looked at here; the grace also spares a file of a process that had this node id a moment ago. The garbage
/// collector removes old leftovers of every node (<see cref="FileBlobStore.CleanTemporary"/>).
/// </summary>
public sealed class TempLeftovers
{
    private readonly string[] _paths;

    private TempLeftovers(string[] paths) => _paths = paths;

    /// <summary>The files in <paramref name="tempDirectory"/> now.</summary>
    public static TempLeftovers Find(string tempDirectory) =>
        new(Directory.Exists(tempDirectory) ? Directory.GetFiles(tempDirectory) : []);

    public int Count => _paths.Length;

    /// <summary>Deletes the listed files last written at or before <paramref name="writtenBefore"/> that no writer holds; returns how many went.</summary>
    public int RemoveAbandoned(DateTimeOffset writtenBefore) =>
        _paths.Count(path => File.GetLastWriteTimeUtc(path) <= writtenBefore.UtcDateTime && TryRemove(path));

    /// <summary>
    /// Deletes a temp file unless a writer holds it: taking the writer's lock proves the writer is gone, and the
    /// file is deleted while the lock is held. False when it stays (held, not ours) or is gone already.
    /// </summary>
    internal static bool TryRemove(string path)
    {
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.None,
                Options = FileOptions.DeleteOnClose,
            });
            return true;
        }
        catch (FileNotFoundException)
        {
            return false; // gone already
        }
        catch (IOException)
        {
            return false; // held by a live writer
        }
        catch (UnauthorizedAccessException)
        {
            return false; // not ours to remove
        }
    }
}
