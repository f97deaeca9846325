namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A read-only, seekable body whose asynchronous reads stop at <paramref name="gateOffset"/> until
/// <see cref="Open"/>: an upload that is reliably in flight for as long as a test needs. Synchronous reads
/// pass (the SDK hashes a seekable body that way before it sends it with asynchronous reads).
/// </summary>
internal sealed class GatedStream(byte[] data, long gateOffset) : SeekableBody(data)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the sender has read up to the gate and waits there.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the rest of the body through.</summary>
    public void Open() => _opened.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= gateOffset && !_opened.Task.IsCompleted)
        {
            _reached.TrySetResult();
            await _opened.Task.WaitAsync(cancellationToken);
        }

        return Copy(buffer.Span, _opened.Task.IsCompleted ? Length : gateOffset);
    }
}
