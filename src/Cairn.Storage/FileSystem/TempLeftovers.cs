namespace Cairn.Storage.FileSystem;

/// <summary>
/// The temp files a server finds when it starts, listed before it accepts requests so nothing it writes
/// itself is among them. Such a file is a crash leftover unless some writer still holds it: FileBlobWriter
/// keeps its temp file open share-none (an exclusive flock on Unix) until it commits or gives up, and the
/// kernel drops that lock when the writer's process dies. So a leftover goes once its lock can be taken and it
/// is older than a grace period, and a file a live writer holds stays, whatever its age (the garbage
/// collector's grace period deals with writers that stall). The grace spares the temp files of writers on other
/// nodes sharing the directory, whose locks a network file system may not show.
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
    public int RemoveAbandoned(DateTimeOffset writtenBefore)
    {
        var removed = 0;
        foreach (var path in _paths)
        {
            if (File.GetLastWriteTimeUtc(path) > writtenBefore.UtcDateTime)
            {
                continue;
            }

            try
            {
                // Taking the writer's lock proves the writer is gone; the file is deleted while it is held.
                using var _ = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.Open,
                    Access = FileAccess.Read,
                    Share = FileShare.None,
                    Options = FileOptions.DeleteOnClose,
                });
                removed++;
            }
            catch (FileNotFoundException)
            {
                // Gone already.
            }
            catch (IOException)
            {
                // Held by a live writer.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }

        return removed;
    }
}
