using Cairn.Core.Ports;
using Cairn.Storage.Space;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Blobs as immutable files under <c>data/blobs/ab/cd/&lt;id&gt;</c>, written first under <c>data/tmp/</c>.
/// Ids are random (never derived from keys); the two-level fan-out keeps directories small.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _blobRoot;
    private readonly string _tempRoot;

    public FileBlobStore(string dataDirectory)
    {
        _blobRoot = Path.Combine(dataDirectory, "blobs");
        _tempRoot = Path.Combine(dataDirectory, "tmp");
        Directory.CreateDirectory(_blobRoot);
        Directory.CreateDirectory(_tempRoot);
    }

    public string TempDirectory => _tempRoot;

    public IBlobWriter CreateWriter()
    {
        var id = Guid.NewGuid().ToString("N");
        try
        {
            return new FileBlobWriter(id, Path.Combine(_tempRoot, id), PathOf(id));
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            // Even an empty file can need space: an inode, or a new block for the directory entry.
            throw DiskFull.Error("writing object data", e);
        }
    }

    public Stream OpenRead(string blobId)
    {
        var path = PathOf(blobId);
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (DirectoryNotFoundException e)
        {
            throw new FileNotFoundException($"Blob {blobId} does not exist.", path, e);
        }
    }

    public void Delete(string blobId)
    {
        try
        {
            File.Delete(PathOf(blobId));
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public IEnumerable<(string BlobId, DateTimeOffset WrittenAt)> EnumerateBlobs()
    {
        foreach (var path in Directory.EnumerateFiles(_blobRoot, "*", SearchOption.AllDirectories))
        {
            var id = Path.GetFileName(path);
            if (IsBlobId(id))
            {
                yield return (id, File.GetLastWriteTimeUtc(path));
            }
        }
    }

    public int CleanTemporary(DateTimeOffset writtenBefore)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_tempRoot))
        {
            if (File.GetLastWriteTimeUtc(path) <= writtenBefore)
            {
                File.Delete(path);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The committed location of a blob. Only ids this store generated (32 hex digits) are accepted.</summary>
    internal string PathOf(string blobId)
    {
        if (!IsBlobId(blobId))
        {
            throw new ArgumentException("Not a blob id.", nameof(blobId));
        }

        return Path.Combine(_blobRoot, blobId[..2], blobId[2..4], blobId);
    }

    private static bool IsBlobId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
