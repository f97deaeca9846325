using System.Buffers.Binary;
using System.Security.Cryptography;
using IeeeCrc32 = System.IO.Hashing.Crc32;

namespace Cairn.Core.Checksums;

/// <summary>
/// Incremental hashing of one body: MD5 always (S3 ETags and Content-MD5 need it), plus any set of checksum
/// algorithms, so a body streamed to disk is read exactly once. Append does not allocate. Not thread-safe.
/// </summary>
public sealed class ContentHasher : IDisposable
{
    private readonly IncrementalHash _md5;
    private readonly IncrementalHash? _sha1;
    private readonly IncrementalHash? _sha256;
    private readonly IeeeCrc32? _crc32;
    private readonly Crc32C? _crc32C;
    private readonly Crc64Nvme? _crc64Nvme;
    private readonly Crc64Xz? _crc64Xz;
    private long _length;
    private bool _finished;
    private bool _disposed;

    /// <summary>Starts hashing; duplicates in <paramref name="algorithms"/> are ignored.</summary>
    public ContentHasher(IEnumerable<ChecksumAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        bool sha1 = false, sha256 = false, crc32 = false, crc32C = false, crc64Nvme = false, crc64Xz = false;
        foreach (var algorithm in algorithms)
        {
            switch (algorithm)
            {
                case ChecksumAlgorithm.Crc32: crc32 = true; break;
                case ChecksumAlgorithm.Crc32C: crc32C = true; break;
                case ChecksumAlgorithm.Crc64Nvme: crc64Nvme = true; break;
                case ChecksumAlgorithm.Sha1: sha1 = true; break;
                case ChecksumAlgorithm.Sha256: sha256 = true; break;
                case ChecksumAlgorithm.Crc64Xz: crc64Xz = true; break;
                default: throw new ArgumentOutOfRangeException(nameof(algorithms), algorithm, "Undefined checksum algorithm.");
            }
        }

        _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        _sha1 = sha1 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA1) : null;
        _sha256 = sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        _crc32 = crc32 ? new IeeeCrc32() : null;
        _crc32C = crc32C ? new Crc32C() : null;
        _crc64Nvme = crc64Nvme ? new Crc64Nvme() : null;
        _crc64Xz = crc64Xz ? new Crc64Xz() : null;
    }

    /// <summary>Feeds the next bytes of the body.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        ThrowIfUnusable();
        _md5.AppendData(data);
        _sha1?.AppendData(data);
        _sha256?.AppendData(data);
        _crc32?.Append(data);
        _crc32C?.Append(data);
        _crc64Nvme?.Append(data);
        _crc64Xz?.Append(data);
        _length += data.Length;
    }

    /// <summary>Returns the digests of everything appended; may be called once.</summary>
    public ContentHashes Finish()
    {
        ThrowIfUnusable();
        _finished = true;

        var checksums = new Dictionary<ChecksumAlgorithm, byte[]>();
        if (_crc32 is not null)
        {
            checksums[ChecksumAlgorithm.Crc32] = BigEndian(_crc32.GetCurrentHashAsUInt32());
        }

        if (_crc32C is not null)
        {
            checksums[ChecksumAlgorithm.Crc32C] = BigEndian(_crc32C.Value);
        }

        if (_crc64Nvme is not null)
        {
            checksums[ChecksumAlgorithm.Crc64Nvme] = BigEndian(_crc64Nvme.Value);
        }

        if (_crc64Xz is not null)
        {
            checksums[ChecksumAlgorithm.Crc64Xz] = BigEndian(_crc64Xz.Value);
        }

        if (_sha1 is not null)
        {
            checksums[ChecksumAlgorithm.Sha1] = _sha1.GetHashAndReset();
        }

        if (_sha256 is not null)
        {
            checksums[ChecksumAlgorithm.Sha256] = _sha256.GetHashAndReset();
        }

        return new ContentHashes(_length, _md5.GetHashAndReset(), checksums.AsReadOnly());
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _md5.Dispose();
        _sha1?.Dispose();
        _sha256?.Dispose();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            throw new InvalidOperationException("Finish has already been called on this ContentHasher.");
        }
    }

    private static byte[] BigEndian(uint value)
    {
        var raw = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(raw, value);
        return raw;
    }

    /// <summary>A 64-bit CRC as its raw big-endian bytes.</summary>
    public static byte[] BigEndian(ulong value)
    {
        var raw = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, value);
        return raw;
    }
}
