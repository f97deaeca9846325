using Amazon.Runtime;
using Amazon.S3;

namespace Cairn.Client;

/// <summary>
/// Creates <see cref="AmazonS3Client"/> instances configured for the transfer engine: path-style addressing
/// (Cairn's default), and the SDK's own retries turned off so that <see cref="Retry.RetryPolicy"/> alone decides
/// when a part is sent again — two retry layers would multiply attempts and hide the backoff the caller asked for.
/// </summary>
public static class CairnS3ClientFactory
{
    public static AmazonS3Client Create(CairnConnection connection, Action<AmazonS3Config>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var config = new AmazonS3Config
        {
            ServiceURL = connection.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = connection.Region,
            MaxErrorRetry = 0,
            // SDK 4.1 also retries "connection reset" errors up to 10 times outside MaxErrorRetry, immediately and
            // without backoff, re-reading the body each time; those belong to the library's policy too.
            MaxStaleConnectionRetries = 0,
            // Part integrity is checked by comparing each part's ETag with the MD5 computed while sending it,
            // and ranged GETs cannot be checked against a whole-object checksum, so the SDK's default CRC
            // trailers and response validation would only cost CPU here.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
        };
        configure?.Invoke(config);
        return new AmazonS3Client(connection.Credentials(), config);
    }
}
