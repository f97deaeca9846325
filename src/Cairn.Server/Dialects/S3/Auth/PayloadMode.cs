namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>How the request body is framed and protected (docs/s3-compatibility.md "Payload modes").</summary>
internal enum PayloadMode
{
    /// <summary>Plain body, not covered by any hash (UNSIGNED-PAYLOAD, presigned, anonymous, SigV2).</summary>
    Unsigned,
    /// <summary>Plain body whose SHA-256 is given as hex in x-amz-content-sha256.</summary>
    Sha256,
    /// <summary>aws-chunked, each chunk signed (STREAMING-AWS4-HMAC-SHA256-PAYLOAD).</summary>
    StreamingSigned,
    /// <summary>aws-chunked, signed chunks plus signed trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER).</summary>
    StreamingSignedTrailer,
    /// <summary>aws-chunked, unsigned chunks plus unsigned trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER).</summary>
    StreamingUnsignedTrailer,
}
