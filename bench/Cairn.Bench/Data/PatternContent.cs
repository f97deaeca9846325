using System.Net;

namespace Cairn.Bench.Data;

/// <summary>
/// An HTTP body of <c>length</c> pattern bytes written straight from <see cref="PatternBytes"/> in 256 KiB writes:
/// the raw path's request body, with a known Content-Length and no buffering or copying on the client.
/// </summary>
internal sealed class PatternContent : HttpContent
{
    private readonly long _length;
    private readonly long _start;

    public PatternContent(long length, long seed)
    {
        _length = length;
        _start = PatternBytes.StartFor(seed);
        Headers.ContentLength = length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long written = 0;
        while (written < _length)
        {
            var count = (int)Math.Min(PatternBytes.MaxSlice, _length - written);
            await stream.WriteAsync(PatternBytes.Slice(_start + written, count), cancellationToken);
            written += count;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
