namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A read-only, seekable upload body over bytes in memory whose synchronous reads pass at once (the SDK hashes a
/// seekable body that way before it sends it) and whose asynchronous reads, the sending, a subclass shapes.
/// </summary>
internal abstract class SeekableBody(byte[] data) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, data.Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Copy(buffer, data.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

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

    /// <summary>Copies from the current position up to <paramref name="end"/> and advances.</summary>
    protected int Copy(Span<byte> buffer, long end)
    {
        var count = (int)Math.Max(0, Math.Min(buffer.Length, end - _position));
        data.AsSpan((int)_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
