namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A read-only, seekable body whose asynchronous reads stop at <paramref name="gateOffset"/> until
/// <see cref="Open"/>: an upload that is reliably in flight for as long as a test needs. Synchronous reads
/// pass (the SDK hashes a seekable body that way before it sends it with asynchronous reads).
/// </summary>
internal sealed class GatedStream(byte[] data, long gateOffset) : Stream
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>Completes when the sender has read up to the gate and waits there.</summary>
    public Task Reached => _reached.Task;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, data.Length);
    }

    /// <summary>Lets the rest of the body through.</summary>
    public void Open() => _opened.TrySetResult();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Copy(buffer, data.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= gateOffset && !_opened.Task.IsCompleted)
        {
            _reached.TrySetResult();
            await _opened.Task.WaitAsync(cancellationToken);
        }

        return Copy(buffer.Span, _opened.Task.IsCompleted ? data.Length : gateOffset);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => data.Length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Copy(Span<byte> buffer, long end)
    {
        var count = (int)Math.Min(buffer.Length, end - _position);
        data.AsSpan((int)_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
