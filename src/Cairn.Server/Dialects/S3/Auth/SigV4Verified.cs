using Cairn.Core.Identity;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>What a verified SigV4 request hands to the body stage: the key and chain seed for chunk signatures.</summary>
internal sealed class SigV4Verified
{
    public SigV4Verified(Principal principal, byte[] signingKey, string amzDate, string scope, byte[] signature,
        PayloadMode payloadMode, byte[]? payloadSha256)
    {
        Principal = principal;
        SigningKey = signingKey;
        AmzDate = amzDate;
        Scope = scope;
        Signature = signature;
        PayloadMode = payloadMode;
        PayloadSha256 = payloadSha256;
    }

    /// <summary>Who the signing key acts as.</summary>
    public Principal Principal { get; }

    public byte[] SigningKey { get; }

    /// <summary>The request time in ISO 8601 basic form, as used in every string to sign.</summary>
    public string AmzDate { get; }

    /// <summary><c>date/region/s3/aws4_request</c>.</summary>
    public string Scope { get; }

    /// <summary>The verified request signature: the seed of the chunk-signature chain (docs/s3-compatibility.md "Payload modes").</summary>
    public byte[] Signature { get; }

    /// <summary>The payload mode the signature covers (from x-amz-content-sha256 or X-Amz-Content-Sha256).</summary>
    public PayloadMode PayloadMode { get; }

    /// <summary>The signed body digest when <see cref="PayloadMode"/> is <see cref="Auth.PayloadMode.Sha256"/>.</summary>
    public byte[]? PayloadSha256 { get; }
}
