namespace Cairn.Client.Checkpoints;

/// <summary>
/// Persists a checkpoint whose content changes as parts or ranges finish. Saves are serialized and coalesced: a
/// save that finds its change already covered by a newer write returns at once, so many small parts finishing
/// together do not each rewrite the file. Saves ignore the caller's cancellation on purpose: a part that finished
/// just as the user paused must still be remembered.
/// </summary>
internal sealed class CheckpointSaver<T> : IDisposable
{
    private readonly string? _path;
    private readonly Func<T> _snapshot;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;
    private long _savedVersion = -1;

    /// <param name="path">Checkpoint file; null makes every save a no-op.</param>
    /// <param name="snapshot">Builds the current checkpoint; called under the save lock, must be thread-safe.</param>
    public CheckpointSaver(string? path, Func<T> snapshot)
    {
        _path = path;
        _snapshot = snapshot;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Records that the content changed; call before <see cref="SaveAsync"/>.</summary>
    public void MarkChanged() => Interlocked.Increment(ref _version);

    public async Task SaveAsync()
    {
        if (_path is null)
        {
            return;
        }

        var wanted = Interlocked.Read(ref _version);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_savedVersion >= wanted)
            {
                return;
            }

            var version = Interlocked.Read(ref _version);
            await CheckpointFile.SaveAsync(_path, _snapshot(), CancellationToken.None).ConfigureAwait(false);
            _savedVersion = version;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Delete() => CheckpointFile.Delete(_path);
}
