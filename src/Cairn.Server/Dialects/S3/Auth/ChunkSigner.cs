using System.Security.Cryptography;
using System.Text;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// The chunk-signature chain of a signed aws-chunked body (docs/s3-compatibility.md "Payload modes"). Chunk string to sign:
/// <c>AWS4-HMAC-SHA256-PAYLOAD\n{date}\n{scope}\n{previous signature}\n{sha256("")}\n{sha256(chunk)}</c>, the first
/// "previous" being the seed (request) signature; the trailer uses <c>AWS4-HMAC-SHA256-TRAILER</c> and the hash of
/// the trailer text. Allocation-free per chunk: one string-to-sign buffer is reused.
/// </summary>
internal sealed class ChunkSigner : IDisposable
{
    private const int HexLength = 64;

    private readonly byte[] _key;
    private readonly byte[] _chunkStringToSign;
    private readonly byte[] _trailerStringToSign;
    private readonly int _chunkPrefixLength;
    private readonly int _trailerPrefixLength;
    private readonly byte[] _previous = new byte[HexLength];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ChunkSigner(byte[] signingKey, string amzDate, string scope, ReadOnlySpan<byte> seedSignature)
    {
        _key = signingKey;
        var chunkPrefix = Encoding.UTF8.GetBytes($"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n");
        var trailerPrefix = Encoding.UTF8.GetBytes($"AWS4-HMAC-SHA256-TRAILER\n{amzDate}\n{scope}\n");
        _chunkPrefixLength = chunkPrefix.Length;
        _trailerPrefixLength = trailerPrefix.Length;

        // prefix + previous + '\n' + sha256("") + '\n' + sha256(chunk)
        _chunkStringToSign = new byte[chunkPrefix.Length + 3 * HexLength + 2];
        chunkPrefix.CopyTo(_chunkStringToSign, 0);
        _chunkStringToSign[_chunkPrefixLength + HexLength] = (byte)'\n';
        Encoding.ASCII.GetBytes(ContentSha256.EmptySha256Hex, _chunkStringToSign.AsSpan(_chunkPrefixLength + HexLength + 1));
        _chunkStringToSign[_chunkPrefixLength + 2 * HexLength + 1] = (byte)'\n';

        // prefix + previous + '\n' + sha256(trailer text)
        _trailerStringToSign = new byte[trailerPrefix.Length + 2 * HexLength + 1];
        trailerPrefix.CopyTo(_trailerStringToSign, 0);
        _trailerStringToSign[_trailerPrefixLength + HexLength] = (byte)'\n';

        Hex.EncodeLower(seedSignature, _previous);
    }

    /// <summary>Feeds chunk data into the running chunk hash.</summary>
    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    /// <summary>
    /// Ends the current chunk: compares its signature with <paramref name="expected"/> (32 bytes) in constant time and,
    /// when it matches, makes it the "previous signature" of the next chunk. The hash is reset either way.
    /// </summary>
    public bool CompleteChunk(ReadOnlySpan<byte> expected)
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetHashAndReset(digest);
        _previous.CopyTo(_chunkStringToSign.AsSpan(_chunkPrefixLength));
        Hex.EncodeLower(digest, _chunkStringToSign.AsSpan(_chunkPrefixLength + 2 * HexLength + 2));
        return Check(_chunkStringToSign, expected);
    }

    /// <summary>Checks the trailer signature over <paramref name="trailerText"/> (chained to the final chunk's).</summary>
    public bool VerifyTrailer(ReadOnlySpan<byte> trailerText, ReadOnlySpan<byte> expected)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(trailerText, digest);
        _previous.CopyTo(_trailerStringToSign.AsSpan(_trailerPrefixLength));
        Hex.EncodeLower(digest, _trailerStringToSign.AsSpan(_trailerPrefixLength + HexLength + 1));
        Span<byte> computed = stackalloc byte[32];
        HMACSHA256.HashData(_key, _trailerStringToSign, computed);
        return CryptographicOperations.FixedTimeEquals(computed, expected);
    }

    public void Dispose() => _hash.Dispose();

    private bool Check(ReadOnlySpan<byte> stringToSign, ReadOnlySpan<byte> expected)
    {
        Span<byte> computed = stackalloc byte[32];
        HMACSHA256.HashData(_key, stringToSign, computed);
        if (!CryptographicOperations.FixedTimeEquals(computed, expected))
        {
            return false;
        }

        Hex.EncodeLower(computed, _previous);
        return true;
    }
}
