namespace Cairn.Client.IO;

/// <summary>
/// A read-only <see cref="MemoryStream"/> over one buffered part (streaming uploads) that reports the furthest
/// byte read as progress, like <see cref="FileSegmentStream"/> does for file parts. The MD5 is computed once
/// from the buffer, before the first attempt.
/// </summary>
internal sealed class ProgressMemoryStream : MemoryStream, IPartBody
{
    private readonly Action<long>? _onProgress;
    private readonly byte[] _md5;
    private long _highWater;

    public ProgressMemoryStream(byte[] buffer, int length, byte[] md5, Action<long>? onProgress)
        : base(buffer, 0, length, writable: false)
    {
        _md5 = md5;
        _onProgress = onProgress;
    }

    public byte[] ComputeMd5() => _md5;

    public long ReportedBytes => _highWater;

    public override int Read(byte[] buffer, int offset, int count) => Track(base.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Track(base.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private int Track(int read)
    {
        if (Position > _highWater)
        {
            _onProgress?.Invoke(Position - _highWater);
            _highWater = Position;
        }

        return read;
    }
}
