using System.Buffers;
using System.Runtime.ExceptionServices;
using Cairn.Core.Errors;
using Cairn.Core.IO;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Decodes an aws-chunked body (docs/s3-compatibility.md "Payload modes") into the plain payload while it streams:
/// <c>&lt;hex size&gt;[;chunk-signature=&lt;sig&gt;]\r\n&lt;data&gt;\r\n ... 0[;chunk-signature=&lt;sig&gt;]\r\n[trailers]\r\n</c>.
/// Framing is parsed from a small pooled buffer; chunk data is handed to the caller as it arrives (read straight into
/// the caller's buffer when it is large) and, in signed modes, hashed on the way. A chunk's signature is checked as
/// soon as its last byte has been read, before that byte is returned; EOF is reported only after the final chunk,
/// the trailers and the trailer signature have been verified. Memory stays bounded whatever the body size.
/// </summary>
internal sealed class AwsChunkedStream : ReadOnlyStream
{
    private const int BufferSize = 32 * 1024;

    /// <summary>Chunk header and trailer lines longer than this are rejected (no legitimate client comes close).</summary>
    private const int MaxLineLength = 4096;

    /// <summary>Caller buffers at least this large (with our buffer empty) are filled straight from the source.</summary>
    private const int DirectReadMinimum = 2048;

    private readonly Stream _source;
    private readonly long _decodedLength;
    private readonly ChunkSigner? _signer;
    private readonly PayloadMode _mode;
    private readonly string? _declaredTrailer;
    private readonly ChunkTrailerParser _trailer;
    private readonly byte[] _expectedSignature = new byte[32];
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private State _state;
    private long _chunkRemaining;
    private long _announced;
    private bool _blankAfterFinalChunk;
    private ExceptionDispatchInfo? _fault;

    /// <param name="mode">One of the three aws-chunked modes.</param>
    /// <param name="signer">The chunk-signature chain; required for the signed modes, ignored otherwise.</param>
    /// <param name="trailers">Receives the trailers (lower-cased names) as they are parsed.</param>
    public AwsChunkedStream(Stream source, long decodedLength, PayloadMode mode, ChunkSigner? signer,
        string? declaredTrailer, IDictionary<string, string> trailers)
    {
        if (!ContentSha256.IsChunked(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an aws-chunked payload mode.");
        }

        _source = source;
        _decodedLength = decodedLength;
        _mode = mode;
        _signer = mode == PayloadMode.StreamingUnsignedTrailer
            ? null
            : signer ?? throw new ArgumentNullException(nameof(signer), "Signed chunk modes need a signer.");
        _declaredTrailer = mode == PayloadMode.StreamingSigned ? null : declaredTrailer;
        _trailer = new ChunkTrailerParser(trailers);
    }

    private enum State
    {
        ChunkHeader,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Done,
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _fault?.Throw();
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            return await ReadCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (CairnException ex)
        {
            // A broken body stays broken: later reads repeat the failure instead of resuming mid-frame.
            _fault = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signer?.Dispose();
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var written = 0;
        while (true)
        {
            if (_state == State.Done)
            {
                return written;
            }

            if (_state == State.ChunkData)
            {
                if (written == destination.Length)
                {
                    return written;
                }

                var room = (int)Math.Min(destination.Length - written, _chunkRemaining);
                int count;
                if (_end > _start)
                {
                    count = Math.Min(room, _end - _start);
                    _buffer.AsSpan(_start, count).CopyTo(destination.Span[written..]);
                    _start += count;
                }
                else if (written > 0)
                {
                    return written; // never block for more once there is something to hand out
                }
                else if (room >= DirectReadMinimum)
                {
                    count = await RequestBodyReader.ReadAsync(_source, destination.Slice(written, room), cancellationToken).ConfigureAwait(false);
                    if (count == 0)
                    {
                        throw RequestBodyReader.Incomplete();
                    }
                }
                else
                {
                    if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw RequestBodyReader.Incomplete();
                    }

                    continue;
                }

                _signer?.Append(destination.Span.Slice(written, count));
                written += count;
                _chunkRemaining -= count;
                if (_chunkRemaining == 0)
                {
                    if (_signer is not null && !_signer.CompleteChunk(_expectedSignature))
                    {
                        throw ChunkSignatureMismatch();
                    }

                    _state = State.ChunkDataEnd;
                }

                continue;
            }

            if (TryTakeLine(out var lineStart, out var lineLength))
            {
                OnLine(_buffer.AsSpan(lineStart, lineLength));
                continue;
            }

            if (written > 0)
            {
                return written;
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                OnEndOfSource();
            }
        }
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        switch (_state)
        {
            case State.ChunkDataEnd:
                if (!line.IsEmpty)
                {
                    throw new CairnException(ErrorCode.InvalidChunkSizeError,
                        "Chunk data is not followed by CRLF where its announced size ends.");
                }

                _state = State.ChunkHeader;
                break;

            case State.ChunkHeader:
                OnChunkHeader(ParseChunkHeader(line, requireSignature: _signer is not null));
                break;

            case State.Trailer:
                OnTrailerLine(line);
                break;
        }
    }

    private void OnChunkHeader(long size)
    {
        if (size > 0)
        {
            if (size > _decodedLength - _announced)
            {
                throw new CairnException(ErrorCode.InvalidChunkSizeError,
                    "The chunks carry more data than x-amz-decoded-content-length announces.");
            }

            _announced += size;
            _chunkRemaining = size;
            _state = State.ChunkData;
            return;
        }

        // The final zero-length chunk is signed like any other (over the empty string's hash).
        if (_signer is not null && !_signer.CompleteChunk(_expectedSignature))
        {
            throw ChunkSignatureMismatch();
        }

        if (_announced != _decodedLength)
        {
            throw new CairnException(ErrorCode.IncompleteBody,
                "The decoded body is shorter than x-amz-decoded-content-length announces.");
        }

        _state = State.Trailer;
    }

    private void OnTrailerLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            // Some clients put a blank line between the final chunk and the trailers; with nothing after it the
            // body simply ends (OnEndOfSource).
            if (_mode != PayloadMode.StreamingSigned && _trailer.IsEmpty && !_blankAfterFinalChunk)
            {
                _blankAfterFinalChunk = true;
                return;
            }

            Finish();
            return;
        }

        if (_mode == PayloadMode.StreamingSigned)
        {
            throw new CairnException(ErrorCode.MalformedTrailerError,
                "Trailers are not allowed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD.");
        }

        // Older .NET SDKs send a second "0" chunk before the trailers of an empty unsigned body (aws/aws-sdk-net#4012).
        if (_mode == PayloadMode.StreamingUnsignedTrailer && _trailer.IsEmpty && line[0] == (byte)'0'
            && line.IndexOf((byte)':') < 0 && ParseChunkHeader(line, requireSignature: false) == 0)
        {
            return;
        }

        _trailer.AddLine(line);
    }

    private void OnEndOfSource()
    {
        if (_state != State.Trailer)
        {
            throw RequestBodyReader.Incomplete();
        }

        // Tolerated: no final blank line, and a last trailer line without its line end.
        if (_end > _start)
        {
            _trailer.AddLine(_buffer.AsSpan(_start, _end - _start));
            _start = _end;
        }

        Finish();
    }

    private void Finish()
    {
        _trailer.Complete(_mode == PayloadMode.StreamingSignedTrailer ? _signer : null, _declaredTrailer);
        _state = State.Done;
    }

    /// <summary>Parses <c>hex-size[;ext=value]*</c>; a chunk-signature extension goes to <see cref="_expectedSignature"/>.</summary>
    private long ParseChunkHeader(ReadOnlySpan<byte> line, bool requireSignature)
    {
        long size = 0;
        var digits = 0;
        while (digits < line.Length && Hex.Value(line[digits]) >= 0)
        {
            if (digits == 15)
            {
                throw InvalidChunkSize("The chunk size is too large.");
            }

            size = (size << 4) | (uint)Hex.Value(line[digits]);
            digits++;
        }

        if (digits == 0)
        {
            throw InvalidChunkSize("A chunk header does not start with a hexadecimal size.");
        }

        var rest = line[digits..].TrimStart(" \t"u8);
        var signed = false;
        while (!rest.IsEmpty)
        {
            if (rest[0] != (byte)';')
            {
                throw InvalidChunkSize("A chunk header has unexpected characters after its size.");
            }

            rest = rest[1..];
            var end = rest.IndexOf((byte)';');
            var extension = (end < 0 ? rest : rest[..end]).Trim(" \t"u8);
            rest = end < 0 ? default : rest[end..];
            if (requireSignature && extension.StartsWith("chunk-signature="u8))
            {
                if (!Hex.TryDecode(extension["chunk-signature=".Length..], _expectedSignature))
                {
                    throw InvalidChunkSize("A chunk signature is not 64 hexadecimal digits.");
                }

                signed = true;
            }
        }

        if (requireSignature && !signed)
        {
            throw new CairnException(ErrorCode.SignatureDoesNotMatch, "A chunk of a signed aws-chunked body carries no chunk-signature.");
        }

        return size;
    }

    /// <summary>Takes one line (LF or CRLF ended) off the buffer; false when no complete line is buffered yet.</summary>
    private bool TryTakeLine(out int lineStart, out int lineLength)
    {
        lineStart = _start;
        lineLength = 0;
        var available = _end - _start;
        var window = Math.Min(available, MaxLineLength + 2);
        var newline = window == 0 ? -1 : _buffer.AsSpan(_start, window).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (window >= MaxLineLength + 2)
            {
                throw _state == State.Trailer
                    ? new CairnException(ErrorCode.MalformedTrailerError, "A trailer line is too long.")
                    : InvalidChunkSize("A chunk header line is too long.");
            }

            return false;
        }

        lineLength = newline > 0 && _buffer![_start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
        _start += newline + 1;
        return true;
    }

    /// <summary>Moves leftover bytes to the front and reads more; returns the bytes read (0 at the end of the body).</summary>
    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        _buffer ??= ArrayPool<byte>.Shared.Rent(BufferSize);
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var count = await RequestBodyReader.ReadAsync(_source, _buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += count;
        return count;
    }

    private static CairnException ChunkSignatureMismatch() =>
        new(ErrorCode.SignatureDoesNotMatch, "The chunk signature we calculated does not match the signature you provided.");

    private static CairnException InvalidChunkSize(string message) => new(ErrorCode.InvalidChunkSizeError, message);
}
