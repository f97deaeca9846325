using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Client.IO;

/// <summary>
/// A read-only, seekable window [offset, offset + length) over an open file, read with
/// <see cref="RandomAccess"/> so that several parts of one file can be sent at once without sharing a file
/// position and without buffering the part in memory. It hashes what it hands out (MD5, to check the part's
/// ETag) and reports the furthest byte read as progress; a seek back to 0 (an SDK re-read) restarts the hash.
/// </summary>
internal sealed class FileSegmentStream : Stream, IPartBody
{
    private const int ReadAheadSize = 1 << 20;

    private readonly SafeFileHandle _handle;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<long>? _onProgress;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private long _position;
    private long _hashed;
    private long _highWater;
    private byte[]? _finalMd5;
    private byte[]? _readAhead;
    private long _readAheadStart;
    private int _readAheadCount;

    public FileSegmentStream(SafeFileHandle handle, long offset, long length, Action<long>? onProgress = null)
    {
        _handle = handle;
        _offset = offset;
        _length = length;
        _onProgress = onProgress;
    }

    /// <summary>Bytes reported as progress so far (the furthest position read).</summary>
    public long ReportedBytes => _highWater;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>
    /// MD5 of the whole segment: from the bytes hashed while reading when they were read in one pass, otherwise
    /// by reading the segment again.
    /// </summary>
    public byte[] ComputeMd5()
    {
        if (_finalMd5 is not null)
        {
            return _finalMd5;
        }

        if (_hashed == _length)
        {
            return _md5.GetCurrentHash();
        }

        return Md5OfRange(_handle, _offset, _length);
    }

    /// <summary>MD5 of a file range, read in 1 MiB blocks.</summary>
    public static byte[] Md5OfRange(SafeFileHandle handle, long offset, long length)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var done = 0L;
            while (done < length)
            {
                var want = (int)Math.Min(buffer.Length, length - done);
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, want), offset + done);
                if (read == 0)
                {
                    throw new EndOfStreamException("The file is shorter than expected; was it changed?");
                }

                md5.AppendData(buffer, 0, read);
                done += read;
            }

            return md5.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var want = (int)Math.Min(buffer.Length, _length - _position);
        if (want <= 0)
        {
            return 0;
        }

        if (!Buffered)
        {
            var readAhead = EnsureReadAhead();
            _readAheadStart = _position;
            _readAheadCount = RandomAccess.Read(_handle, readAhead.AsSpan(0, (int)Math.Min(readAhead.Length, _length - _position)), _offset + _position);
        }

        return CopyFromReadAhead(buffer[..want]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var want = (int)Math.Min(buffer.Length, _length - _position);
        if (want <= 0)
        {
            return 0;
        }

        if (!Buffered)
        {
            var readAhead = EnsureReadAhead();
            _readAheadStart = _position;
            _readAheadCount = await RandomAccess.ReadAsync(_handle, readAhead.AsMemory(0, (int)Math.Min(readAhead.Length, _length - _position)), _offset + _position, cancellationToken).ConfigureAwait(false);
        }

        return CopyFromReadAhead(buffer.Span[..want]);
    }

    // The SDK reads bodies in small chunks; one pread per chunk (each a thread-pool hop for async reads on Unix)
    // cost about a third of the upload rate, so reads are served from a 1 MiB read-ahead block.
    private bool Buffered => _readAhead is not null && _position >= _readAheadStart && _position < _readAheadStart + _readAheadCount;

    private byte[] EnsureReadAhead() =>
        _readAhead ??= ArrayPool<byte>.Shared.Rent((int)Math.Clamp(_length, 1, ReadAheadSize));

    private int CopyFromReadAhead(Span<byte> destination)
    {
        var available = (int)(_readAheadStart + _readAheadCount - _position);
        var count = Math.Min(destination.Length, available);
        var source = _readAhead.AsSpan((int)(_position - _readAheadStart), Math.Max(count, 0));
        source.CopyTo(destination);
        return Advance(source);
    }

    private int Advance(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new EndOfStreamException("The file is shorter than expected; was it changed during the upload?");
        }

        if (_position == _hashed)
        {
            _md5.AppendData(data);
            _hashed += data.Length;
        }

        _position += data.Length;
        if (_position > _highWater)
        {
            _onProgress?.Invoke(_position - _highWater);
            _highWater = _position;
        }

        return data.Length;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, _length);
        if (target == 0 && _hashed != 0)
        {
            _md5.GetHashAndReset();
            _hashed = 0;
        }

        _position = target;
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The SDK may dispose the body after sending it; keep the digest for the ETag check.
        if (disposing && _finalMd5 is null)
        {
            if (_hashed == _length)
            {
                _finalMd5 = _md5.GetCurrentHash();
            }

            _md5.Dispose();
            if (_readAhead is not null)
            {
                ArrayPool<byte>.Shared.Return(_readAhead);
                _readAhead = null;
            }
        }

        base.Dispose(disposing);
    }
}
