using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>The values x-amz-content-sha256 may take (docs/s3-compatibility.md "Payload modes") and their parsing.</summary>
internal static class ContentSha256
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>SigV4a streaming (multi-region access points); both the plain and the -TRAILER form start with this.</summary>
    public const string StreamingEcdsaPrefix = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";

    /// <summary>Hex SHA-256 of the empty string; the "previous hash" line of every chunk string to sign.</summary>
    public const string EmptySha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Maps a header value to its payload mode; a hex digest is decoded into <paramref name="sha256"/>.</summary>
    /// <exception cref="CairnException">NotImplemented for SigV4a streaming, InvalidArgument for anything unknown.</exception>
    public static PayloadMode Parse(string value, out byte[]? sha256)
    {
        sha256 = null;
        switch (value)
        {
            case UnsignedPayload:
                return PayloadMode.Unsigned;
            case StreamingSigned:
                return PayloadMode.StreamingSigned;
            case StreamingSignedTrailer:
                return PayloadMode.StreamingSignedTrailer;
            case StreamingUnsignedTrailer:
                return PayloadMode.StreamingUnsignedTrailer;
        }

        if (value.StartsWith(StreamingEcdsaPrefix, StringComparison.Ordinal))
        {
            throw new CairnException(ErrorCode.NotImplemented,
                "SigV4a (AWS4-ECDSA-P256-SHA256) streaming payloads are not supported.");
        }

        var digest = new byte[32];
        if (!Hex.TryDecode(value.AsSpan(), digest))
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING-* value or a valid SHA-256 hex digest.")
            {
                Extra = new Dictionary<string, string>
                {
                    ["ArgumentName"] = AuthHeaders.AmzContentSha256,
                    ["ArgumentValue"] = value,
                },
            };
        }

        sha256 = digest;
        return PayloadMode.Sha256;
    }

    public static bool IsChunked(PayloadMode mode) =>
        mode is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer or PayloadMode.StreamingUnsignedTrailer;
}
