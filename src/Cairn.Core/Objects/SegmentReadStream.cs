using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Objects;

/// <summary>
/// Reads a byte range of an object by walking its segments in order, opening each blob only when the range
/// reaches it. Crossing part boundaries is just moving to the next segment.
/// </summary>
public sealed class SegmentReadStream : Stream
{
    private readonly IBlobStore _blobs;
    private readonly IReadOnlyList<Segment> _segments;
    private long _remaining;
    private int _segmentIndex;
    private long _offsetInSegment;
    private Stream? _current;
    private long _currentRemaining;

    public SegmentReadStream(IBlobStore blobs, IReadOnlyList<Segment> segments, long start, long length)
    {
        _blobs = blobs;
        _segments = segments;
        _remaining = length;
        while (_segmentIndex < segments.Count && start >= segments[_segmentIndex].Length)
        {
            start -= segments[_segmentIndex].Length;
            _segmentIndex++;
        }

        _offsetInSegment = start;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Opens the first blob now, so a missing blob surfaces before response headers are sent.</summary>
    public void OpenFirst()
    {
        if (_remaining > 0)
        {
            OpenNext();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0 || buffer.Length == 0)
        {
            return 0;
        }

        while (_current is null || _currentRemaining == 0)
        {
            OpenNext(); // empty segments (zero-byte parts) are passed over
        }

        var want = (int)Math.Min(buffer.Length, Math.Min(_currentRemaining, _remaining));
        var read = await _current!.ReadAsync(buffer[..want], cancellationToken);
        if (read == 0)
        {
            throw new IOException("A blob ended before its recorded length.");
        }

        _currentRemaining -= read;
        _remaining -= read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void OpenNext()
    {
        _current?.Dispose();
        if (_current is not null)
        {
            _segmentIndex++;
            _offsetInSegment = 0;
        }

        var segment = _segments[_segmentIndex];
        var stream = _blobs.OpenRead(segment.BlobId);
        stream.Seek(segment.BlobOffset + _offsetInSegment, SeekOrigin.Begin);
        _current = stream;
        _currentRemaining = segment.Length - _offsetInSegment;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
