using Cairn.Core.Identity;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Who signed a request and how its body must be read.</summary>
internal sealed class AuthResult
{
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[]? _payloadSha256;
    private readonly SigV4Verified? _sigV4;
    private readonly long? _contentLength;

    /// <param name="principal">Who the verified signature acts as; <see cref="Principal.Anonymous"/> for an unsigned request.</param>
    /// <param name="payloadMode">How the body is framed and protected.</param>
    /// <param name="payloadSha256">The digest to check for <see cref="PayloadMode.Sha256"/>.</param>
    /// <param name="sigV4">The verified SigV4 request; needed for the signed chunk modes.</param>
    /// <param name="decodedContentLength">x-amz-decoded-content-length for the aws-chunked modes.</param>
    /// <param name="declaredTrailer">The lower-cased x-amz-trailer value for the trailer modes.</param>
    /// <param name="contentLength">Content-Length of the raw body, when sent.</param>
    public AuthResult(Principal principal, PayloadMode payloadMode, byte[]? payloadSha256, SigV4Verified? sigV4,
        long? decodedContentLength, string? declaredTrailer, long? contentLength)
    {
        if (payloadMode is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer && sigV4 is null)
        {
            throw new ArgumentException("Signed chunk modes need the verified SigV4 request.", nameof(sigV4));
        }

        if (ContentSha256.IsChunked(payloadMode) && decodedContentLength is null)
        {
            throw new ArgumentException("aws-chunked modes need the decoded content length.", nameof(decodedContentLength));
        }

        Principal = principal;
        PayloadMode = payloadMode;
        _payloadSha256 = payloadSha256;
        _sigV4 = sigV4;
        DecodedContentLength = decodedContentLength;
        DeclaredTrailer = declaredTrailer;
        _contentLength = contentLength;
    }

    /// <summary>
    /// An anonymous result for a request whose credentials are not in its headers (a form upload, before its fields
    /// are read): the body is read as sent.
    /// </summary>
    public static AuthResult Unauthenticated(HttpRequest request) =>
        new(Principal.Anonymous, PayloadMode.Unsigned, null, null, null, null, request.ContentLength);

    /// <summary>Who the request acts as; <see cref="Principal.Anonymous"/> when it carries no signature.</summary>
    public Principal Principal { get; }

    /// <summary>How the body is framed and protected.</summary>
    public PayloadMode PayloadMode { get; }

    /// <summary>The s3:signatureversion condition value ("AWS4-HMAC-SHA256" or "AWS"); null when unsigned.</summary>
    public string? SignatureVersion { get; private set; }

    /// <summary>The s3:authType condition value ("REST-HEADER" or "REST-QUERY-STRING"); null when unsigned.</summary>
    public string? AuthType { get; private set; }

    /// <summary>Records how the request was signed (set once, by the authenticator that verified it).</summary>
    public AuthResult SignedWith(string signatureVersion, string authType)
    {
        SignatureVersion = signatureVersion;
        AuthType = authType;
        return this;
    }

    /// <summary>
    /// Decoded payload length when the body is aws-chunked (x-amz-decoded-content-length), else null (then
    /// Content-Length is the size).
    /// </summary>
    public long? DecodedContentLength { get; }

    /// <summary>The checksum header named by x-amz-trailer (lower-cased, e.g. "x-amz-checksum-crc32"), else null.</summary>
    public string? DeclaredTrailer { get; }

    /// <summary>
    /// Trailer headers parsed from an aws-chunked body, names lower-cased (lookups ignore case); complete once the
    /// wrapped stream has returned EOF. By then the trailer signature (signed-trailer mode) has been verified and
    /// <see cref="DeclaredTrailer"/>, when set, is guaranteed to be present.
    /// </summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    /// <summary>
    /// Wraps the raw request body into the plain payload stream: decodes aws-chunked framing (verifying every chunk
    /// signature and the trailer signature), or verifies a hex x-amz-content-sha256 when the stream reaches its end
    /// (XAmzContentSHA256Mismatch from the read that sees EOF), or passes the body through. Every failure is a
    /// CairnException thrown from ReadAsync (IncompleteBody when the body ends early); nothing the returned stream
    /// produced may be made visible before it has returned EOF. Call once per request.
    /// </summary>
    public Stream WrapBody(Stream body)
    {
        if (!ContentSha256.IsChunked(PayloadMode))
        {
            return new PayloadHashStream(body, PayloadMode == PayloadMode.Sha256 ? _payloadSha256 : null, _contentLength);
        }

        var signer = PayloadMode == PayloadMode.StreamingUnsignedTrailer
            ? null
            : new ChunkSigner(_sigV4!.SigningKey, _sigV4.AmzDate, _sigV4.Scope, _sigV4.Signature);
        return new AwsChunkedStream(body, DecodedContentLength!.Value, PayloadMode, signer, DeclaredTrailer, _trailers);
    }
}
