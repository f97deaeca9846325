using Cairn.Client.Checkpoints;

namespace Cairn.Client.Upload;

/// <summary>
/// The live checkpoint of one file upload: the acknowledged parts, persisted through a
/// <see cref="CheckpointSaver{T}"/> after every finished part.
/// </summary>
internal sealed class CheckpointWriter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, CheckpointPart> _parts = [];
    private readonly CheckpointSaver<UploadCheckpoint> _saver;

    public CheckpointWriter(string? path, UploadCheckpoint checkpoint)
    {
        foreach (var part in checkpoint.Parts)
        {
            _parts[part.PartNumber] = part;
        }

        _saver = new CheckpointSaver<UploadCheckpoint>(path, () =>
        {
            lock (_lock)
            {
                return checkpoint with { Parts = [.. _parts.Values] };
            }
        });
    }

    public void Dispose() => _saver.Dispose();

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
        }

        _saver.MarkChanged();
        return _saver.SaveAsync();
    }

    public Task SaveAsync() => _saver.SaveAsync();

    public void Delete() => _saver.Delete();
}
