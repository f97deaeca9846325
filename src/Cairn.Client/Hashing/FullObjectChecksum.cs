using System.IO.Hashing;
using System.Security.Cryptography;

namespace Cairn.Client.Hashing;

/// <summary>
/// A whole-object checksum the server reported (<c>x-amz-checksum-*</c> with type FULL_OBJECT), used to check a
/// download when the ETag cannot be (e.g. a server whose ETags are not MD5-based). Values are base64 of the
/// big-endian digest, as S3 sends them.
/// </summary>
public sealed record FullObjectChecksum(string Algorithm, string Base64Value)
{
    /// <summary>Algorithms this client can recompute.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1"];

    /// <summary>Creates the incremental hasher for <see cref="Algorithm"/>.</summary>
    public IChecksumHasher CreateHasher() => Algorithm switch
    {
        "CRC32" => new CrcHasher(new Crc32()),
        "CRC32C" => new CrcHasher(new Crc32(Crc32ParameterSet.Crc32C)),
        "CRC64NVME" => new CrcHasher(new Crc64(Crc64ParameterSet.Nvme)),
        "SHA256" => new CryptoHasher(IncrementalHash.CreateHash(HashAlgorithmName.SHA256)),
        "SHA1" => new CryptoHasher(IncrementalHash.CreateHash(HashAlgorithmName.SHA1)),
        _ => throw new NotSupportedException($"Checksum algorithm {Algorithm} is not supported."),
    };

    /// <summary>Feeds bytes and yields the base64 digest to compare with <see cref="Base64Value"/>.</summary>
    public interface IChecksumHasher : IDisposable
    {
        void Append(ReadOnlySpan<byte> data);

        string FinishBase64();
    }

    private sealed class CrcHasher(NonCryptographicHashAlgorithm algorithm) : IChecksumHasher
    {
        public void Append(ReadOnlySpan<byte> data) => algorithm.Append(data);

        // NonCryptographicHashAlgorithm emits CRCs little-endian; S3 headers carry them big-endian.
        public string FinishBase64()
        {
            var digest = algorithm.GetHashAndReset();
            Array.Reverse(digest);
            return Convert.ToBase64String(digest);
        }

        public void Dispose()
        {
        }
    }

    private sealed class CryptoHasher(IncrementalHash hash) : IChecksumHasher
    {
        public void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);

        public string FinishBase64() => Convert.ToBase64String(hash.GetHashAndReset());

        public void Dispose() => hash.Dispose();
    }
}
