using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.IO;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Passes a plain body through, optionally checking it against the hex x-amz-content-sha256 (docs/s3-compatibility.md "Signature V4 in the Authorization header"):
/// the digest is computed while streaming and compared when the source reaches its end, so the read that would
/// report EOF throws XAmzContentSHA256Mismatch instead. A body shorter than its Content-Length is IncompleteBody.
/// </summary>
internal sealed class PayloadHashStream : ReadOnlyStream
{
    private readonly Stream _source;
    private readonly byte[]? _expectedSha256;
    private readonly long? _expectedLength;
    private readonly IncrementalHash? _hash;
    private long _received;
    private bool _done;
    private ExceptionDispatchInfo? _fault;

    /// <param name="expectedSha256">The signed digest, or null to pass the body through unchecked.</param>
    /// <param name="expectedLength">Content-Length when known.</param>
    public PayloadHashStream(Stream source, byte[]? expectedSha256, long? expectedLength)
    {
        _source = source;
        _expectedSha256 = expectedSha256;
        _expectedLength = expectedLength;
        _hash = expectedSha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _fault?.Throw();
        if (_done || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            var count = await RequestBodyReader.ReadAsync(_source, buffer, cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                _hash?.AppendData(buffer.Span[..count]);
                _received += count;
                return count;
            }

            Finish();
            return 0;
        }
        catch (CairnException ex)
        {
            _fault = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Finish()
    {
        if (_expectedLength is { } expected && _received < expected)
        {
            throw RequestBodyReader.Incomplete();
        }

        if (_hash is not null && _expectedSha256 is not null)
        {
            Span<byte> actual = stackalloc byte[32];
            _hash.GetHashAndReset(actual);
            if (!CryptographicOperations.FixedTimeEquals(actual, _expectedSha256))
            {
                throw new CairnException(ErrorCode.XAmzContentSHA256Mismatch,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.")
                {
                    Extra = new Dictionary<string, string>
                    {
                        ["ClientComputedContentSHA256"] = Convert.ToHexStringLower(_expectedSha256),
                        ["S3ComputedContentSHA256"] = Convert.ToHexStringLower(actual),
                    },
                };
            }
        }

        _done = true;
    }
}
