using Cairn.Core.IO;

namespace Cairn.Core.Objects;

/// <summary>
/// Bytes already read from a body, followed by the rest of that body: lets a body of unknown length be probed
/// (does it fit inline?) and then streamed on as a whole.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream
{
    private int _position;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= prefix.Length)
        {
            return rest.ReadAsync(buffer, cancellationToken);
        }

        var count = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return ValueTask.FromResult(count);
    }
}
