using System.Security.Cryptography;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// A read-only, seekable stream of pseudo-random bytes computed from the position (SplitMix64 of
/// seed + word index), so a large body never sits in memory and can be re-read from any offset.
/// </summary>
public sealed class DeterministicStream : Stream
{
    private readonly ulong _seed;
    private readonly long _length;
    private long _position;

    public DeterministicStream(long length, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _seed = seed;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    /// <summary>The bytes of a stream with this seed from <paramref name="offset"/>, for small comparisons.</summary>
    public static byte[] Slice(ulong seed, long offset, int count)
    {
        var buffer = new byte[count];
        Fill(seed, offset, buffer);
        return buffer;
    }

    /// <summary>MD5 (hex) and SHA-256 (hex) of the whole stream content, computed in one streaming pass.</summary>
    public static (string Md5Hex, string Sha256Hex) ComputeHashes(long length, ulong seed)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < length; offset += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, length - offset);
            Fill(seed, offset, buffer.AsSpan(0, n));
            md5.AppendData(buffer, 0, n);
            sha.AppendData(buffer, 0, n);
        }

        return (Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = _length - _position;
        if (remaining <= 0)
        {
            return 0;
        }

        var n = (int)Math.Min(buffer.Length, remaining);
        Fill(_seed, _position, buffer[..n]);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static void Fill(ulong seed, long position, Span<byte> destination)
    {
        var i = 0;
        while (i < destination.Length)
        {
            var pos = position + i;
            var word = SplitMix64(seed + (ulong)(pos >> 3));
            for (var b = (int)(pos & 7); b < 8 && i < destination.Length; b++, i++)
            {
                destination[i] = (byte)(word >> (b * 8));
            }
        }
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15ul;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ul;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBul;
        return x ^ (x >> 31);
    }
}
