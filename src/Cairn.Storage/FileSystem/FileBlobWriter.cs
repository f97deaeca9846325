using Cairn.Core.Ports;
using Cairn.Storage.Space;

namespace Cairn.Storage.FileSystem;

/// <summary>
/// A temp file that becomes a blob on <see cref="CommitAsync"/>: data flushed to disk, file renamed into
/// place, directory entry synced. Disposed uncommitted, it deletes the temp file (client gone, bad digest).
/// </summary>
internal sealed class FileBlobWriter : IBlobWriter
{
    private readonly string _tempPath;
    private readonly string _finalPath;
    private readonly FileStream _file;
    private bool _committed;

    public FileBlobWriter(string blobId, string tempPath, string finalPath)
    {
        BlobId = blobId;
        _tempPath = tempPath;
        _finalPath = finalPath;
        _file = new FileStream(tempPath, OwnerOnly.ForNewFile(new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        }));
    }

    public string BlobId { get; }

    /// <summary>Every 8 MiB written, writeback of that range is started without waiting for it.</summary>
    private const long WritebackChunk = 8 * 1024 * 1024;

    private long _written;
    private long _writebackStarted;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _file.WriteAsync(data, cancellationToken);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            // The caller disposes the writer, which deletes the partial temp file and gives its space back.
            throw DiskFull.Error("writing object data", e);
        }

        _written += data.Length;
        if (_written - _writebackStarted >= WritebackChunk)
        {
            // The disk works while the rest of the body arrives, so the fsync at commit only flushes the tail
            // instead of the whole blob (a 256 MiB fsync is ~0.15 s on fast disks).
            PosixDirectory.StartWriteback(_file.SafeFileHandle, _writebackStarted, _written - _writebackStarted);
            _writebackStarted = _written;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _file.FlushAsync(cancellationToken);
            // File systems that allocate late (delayed allocation, network file systems) report ENOSPC only here.
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync();
            var directory = Path.GetDirectoryName(_finalPath)!;
            // A new fan-out directory, or a directory entry that needs another block, can also run out of space.
            Directory.CreateDirectory(directory);
            File.Move(_tempPath, _finalPath);
            SyncDirectory(directory);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            throw DiskFull.Error("writing object data", e);
        }

        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        if (!_committed)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Left for the startup sweep of data/tmp.
            }
        }
    }

    /// <summary>fsync of the directory, so the rename itself survives a crash (POSIX needs it).</summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        PosixDirectory.Sync(directory);
    }
}
