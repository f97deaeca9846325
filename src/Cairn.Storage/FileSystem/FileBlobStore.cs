using Cairn.Core.Names;
using Cairn.Core.Ports;
using Cairn.Storage.Space;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// Blobs as immutable files under <c>data/blobs/ab/cd/&lt;id&gt;</c>, written first under the node's own temp
/// directory <c>data/tmp/&lt;node id&gt;/</c>, so that nodes sharing the data directory can tell their own temp
/// files from the others'. Ids are random (never derived from keys); the two-level fan-out keeps directories small.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _blobRoot;
    private readonly string _tempRoot;

    public FileBlobStore(string dataDirectory, NodeId node)
    {
        _blobRoot = Path.Combine(dataDirectory, "blobs");
        _tempRoot = Path.Combine(dataDirectory, "tmp");
        TempDirectory = Path.Combine(_tempRoot, node.Value);
        Directory.CreateDirectory(_blobRoot);
        Directory.CreateDirectory(TempDirectory);
    }

    /// <summary>This node's temp directory, where its writers stage blobs.</summary>
    public string TempDirectory { get; }

    public IBlobWriter CreateWriter()
    {
        var id = Guid.NewGuid().ToString("N");
        try
        {
            return new FileBlobWriter(id, Path.Combine(TempDirectory, id), PathOf(id));
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

    public bool Exists(string blobId) => File.Exists(PathOf(blobId));

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

    /// <summary>
    /// Looks at every node's temp directory (a node that never comes back leaves its files to the others) and at
    /// files directly in <c>tmp/</c> (where servers before per-node temp directories wrote).
    /// </summary>
    public int CleanTemporary(DateTimeOffset writtenBefore)
    {
        var removed = 0;
        foreach (var path in TemporaryFiles())
        {
            if (File.GetLastWriteTimeUtc(path) <= writtenBefore && TempLeftovers.TryRemove(path))
            {
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

    private IEnumerable<string> TemporaryFiles()
    {
        var directories = Directory.Exists(_tempRoot) ? Directory.GetDirectories(_tempRoot).Prepend(_tempRoot) : [];
        foreach (var directory in directories)
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(directory);
            }
            catch (DirectoryNotFoundException)
            {
                continue; // removed meanwhile
            }

            foreach (var file in files)
            {
                yield return file;
            }
        }
    }

    private static bool IsBlobId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
