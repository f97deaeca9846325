namespace Cairn.Bench.Data;

/// <summary>
/// A seekable read-only stream of <c>length</c> pattern bytes, for the AWS SDK path (the SDK wants a Stream with a
/// Length, and may rewind it for a retry). Reads copy from the shared pattern block; nothing else is allocated.
/// </summary>
internal sealed class PatternStream(long length, long seed) : Stream
{
    private readonly long _start = PatternBytes.StartFor(seed);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(Math.Min(buffer.Length, PatternBytes.MaxSlice), length - _position);
        if (count <= 0)
        {
            return 0;
        }

        PatternBytes.Slice(_start + _position, count).Span.CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
