using Cairn.Storage.FileSystem;

namespace Cairn.Storage.Space;

/// <summary>
/// Space set aside on the data volume so that deletes can still commit when it is full: two preallocated files
/// (<c>space-reserve.1</c> and <c>.2</c> in the data directory, owner-only). A delete-class write that fails for
/// lack of space releases one of them and runs again; the other stays for a second exhaustion or for a restart
/// on the still-full volume, where opening the database needs room for its WAL index and log. Both come back
/// once the volume has room for them again.
/// </summary>
public sealed class SpaceReserve
{
    /// <summary>
    /// 16 MiB in two halves. Deletes never grow the database file, only its write-ahead log, which SQLite
    /// checkpoints and starts over at 1000 pages (about 4 MiB); a half covers that twice, plus the 32 KiB WAL index.
    /// Negligible on any real volume.
    /// </summary>
    public const long DefaultSize = 16 * 1024 * 1024;

    private const int Parts = 2;
    private const int ChunkSize = 1024 * 1024;

    private readonly string _directory;
    private readonly string[] _paths;
    private readonly long _partSize;
    private readonly Lock _lock = new();
    private Exception? _lastCause;

    public SpaceReserve(string dataDirectory, long size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, Parts);
        _directory = dataDirectory;
        _partSize = size / Parts;
        Size = _partSize * Parts;
        _paths = Enumerable.Range(1, Parts).Select(i => Path.Combine(dataDirectory, $"space-reserve.{i}")).ToArray();
        foreach (var path in _paths)
        {
            // Half-written leftovers of a crash during creation.
            File.Delete(path + ".tmp");
        }
    }

    /// <summary>Raised after a part was released (with the bytes freed), so the host can tell the operator.</summary>
    public event Action<long>? Released;

    /// <summary>Raised after released parts were created again.</summary>
    public event Action<long>? Restored;

    /// <summary>The whole reserve in bytes.</summary>
    public long Size { get; }

    /// <summary>Bytes of the reserve not in place right now (released, or never created for lack of space).</summary>
    public long MissingBytes => _paths.Count(p => !IsInPlace(p)) * _partSize;

    /// <summary>
    /// Releases one part because a write failed for lack of space with <paramref name="cause"/>. Every caller of a
    /// failed group commit sees the same exception, so one failure releases one part, not one per caller.
    /// Returns false when nothing was left to release.
    /// </summary>
    public bool Release(Exception cause)
    {
        long freed = 0;
        lock (_lock)
        {
            if (ReferenceEquals(cause, _lastCause))
            {
                return true;
            }

            _lastCause = cause;
            foreach (var path in _paths)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    freed = _partSize;
                    break;
                }
            }
        }

        if (freed > 0)
        {
            Released?.Invoke(freed);
        }

        return freed > 0;
    }

    /// <summary>Creates the parts that are missing; false when the volume has no room for one of them.</summary>
    public bool TryRestore()
    {
        long restored = 0;
        var complete = true;
        lock (_lock)
        {
            foreach (var path in _paths)
            {
                if (IsInPlace(path))
                {
                    continue;
                }

                if (!TryCreate(path))
                {
                    complete = false;
                    break;
                }

                restored += _partSize;
            }
        }

        if (restored > 0)
        {
            Restored?.Invoke(restored);
        }

        return complete;
    }

    private bool IsInPlace(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length == _partSize;
    }

    /// <summary>
    /// Writes the part under a temp name and renames it into place, so a part that exists is always whole. The
    /// blocks are preallocated (fails at once, without a partial file, when they do not fit) and then filled with
    /// random bytes: compressing file systems would otherwise store zeros, or an unwritten allocation, in nothing.
    /// </summary>
    private bool TryCreate(string path)
    {
        var temp = path + ".tmp";
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.None,
                PreallocationSize = _partSize,
                BufferSize = 0,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temp, options))
            {
                var chunk = new byte[ChunkSize];
                for (long written = 0; written < _partSize; written += chunk.Length)
                {
                    Random.Shared.NextBytes(chunk);
                    file.Write(chunk, 0, (int)Math.Min(chunk.Length, _partSize - written));
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                PosixDirectory.Sync(_directory);
            }

            return true;
        }
        catch (IOException)
        {
            File.Delete(temp);
            return false;
        }
    }
}
