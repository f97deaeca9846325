using Cairn.Client.Checkpoints;

namespace Cairn.Client.Upload;

/// <summary>
/// Holds the live checkpoint of one upload and persists it after every finished part. Writes are serialized and
/// coalesced: a writer that finds its part already covered by a newer write skips, so 10,000 small parts do not
/// cost 10,000 rewrites when they finish close together. Saves ignore the caller's cancellation: a part that
/// finished just as the user paused must still be remembered.
/// </summary>
internal sealed class CheckpointWriter
{
    private readonly string? _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, CheckpointPart> _parts = [];
    private UploadCheckpoint _template;
    private long _version;
    private long _savedVersion;

    public CheckpointWriter(string? path, UploadCheckpoint checkpoint)
    {
        _path = path;
        _template = checkpoint;
        foreach (var part in checkpoint.Parts)
        {
            _parts[part.PartNumber] = part;
        }
    }

    public IReadOnlyList<CheckpointPart> Parts
    {
        get
        {
            lock (_lock)
            {
                return [.. _parts.Values];
            }
        }
    }

    public Task AddAsync(CheckpointPart part)
    {
        lock (_lock)
        {
            _parts[part.PartNumber] = part;
            _version++;
        }

        return SaveAsync();
    }

    public async Task SaveAsync()
    {
        if (_path is null)
        {
            return;
        }

        long wanted;
        lock (_lock)
        {
            wanted = _version;
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_savedVersion >= wanted && wanted > 0)
            {
                return;
            }

            UploadCheckpoint snapshot;
            long version;
            lock (_lock)
            {
                version = _version;
                snapshot = _template with { Parts = [.. _parts.Values] };
            }

            await CheckpointFile.SaveAsync(_path, snapshot, CancellationToken.None).ConfigureAwait(false);
            _savedVersion = version;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Delete() => CheckpointFile.Delete(_path);
}
