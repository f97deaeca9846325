using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.Oss.Post;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Dialects.S3.Post;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// Verifies an OSS browser upload's signature, which signs the base64 policy field as sent (docs/oss-compatibility.md
/// "Form uploads (PostObject)"): V1 (<c>OSSAccessKeyId</c>, <c>Signature</c> = base64 HMAC-SHA1 with the secret) or
/// V4 (<c>x-oss-signature-version</c>, <c>x-oss-credential</c>, <c>x-oss-date</c>, <c>x-oss-signature</c> = hex
/// HMAC-SHA256 with the credential scope's signing key). <c>x-oss-security-token</c> makes the key a temporary
/// credential. A form with neither policy nor signature is anonymous. The request time is not checked: the policy's
/// expiration bounds the form's life.
/// </summary>
internal sealed class OssPostFormVerifier(OssKeyResolver keys)
{
    /// <summary>The s3:authType of a form upload, as for the S3 dialect's.</summary>
    private const string AuthType = "POST";

    public async Task<AuthResult> VerifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var v4 = fields.ContainsKey(OssPostFields.SignatureVersion) || fields.ContainsKey(OssPostFields.Credential)
            || fields.ContainsKey(OssPostFields.V4Signature);
        var v1 = fields.ContainsKey(OssPostFields.AccessKeyId) || fields.ContainsKey(OssPostFields.Signature);
        if (!v4 && !v1)
        {
            return fields.ContainsKey(PostFields.Policy) ? throw Missing(OssPostFields.Signature) : Result(Principal.Anonymous);
        }

        if (v4 && v1)
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "Only one way of signing is allowed: either OSSAccessKeyId and Signature or the x-oss-* signature fields.");
        }

        var policy = Require(fields, PostFields.Policy);
        var token = fields.GetValueOrDefault(OssPostFields.SecurityToken);
        var principal = v4
            ? await VerifyV4Async(fields, policy, token, cancellationToken)
            : await VerifyV1Async(fields, policy, token, cancellationToken);
        return Result(principal).SignedWith(v4 ? OssAuthSchemes.V4 : OssAuthSchemes.V1, AuthType);
    }

    private async Task<Principal> VerifyV1Async(IReadOnlyDictionary<string, string> fields, string policy, string? token,
        CancellationToken cancellationToken)
    {
        var accessKeyId = Require(fields, OssPostFields.AccessKeyId);
        var provided = Require(fields, OssPostFields.Signature);
        var key = await keys.ResolveAsync(accessKeyId, token, cancellationToken);
        Span<byte> sent = stackalloc byte[20];
        return Convert.TryFromBase64String(provided.Trim(), sent, out var length) && length == sent.Length
            && CryptographicOperations.FixedTimeEquals(OssV1Verifier.Sign(key.Secret, policy), sent)
            ? key.Principal
            : throw OssSignatureMismatch.Create(accessKeyId, policy, provided);
    }

    private async Task<Principal> VerifyV4Async(IReadOnlyDictionary<string, string> fields, string policy, string? token,
        CancellationToken cancellationToken)
    {
        var version = Require(fields, OssPostFields.SignatureVersion);
        if (version != OssAuthSchemes.V4)
        {
            throw Invalid(OssPostFields.SignatureVersion, version, $"{OssPostFields.SignatureVersion} only supports \"{OssAuthSchemes.V4}\".");
        }

        var credential = OssV4Credential.Parse(Require(fields, OssPostFields.Credential), OssPostFields.Credential);
        var date = Require(fields, OssPostFields.Date);
        if (!AmzDate.TryParseIso(date, out _) || !date.StartsWith(credential.Date, StringComparison.Ordinal))
        {
            throw Invalid(OssPostFields.Date, date, $"{OssPostFields.Date} must be yyyyMMddTHHmmssZ on the credential's date.");
        }

        var provided = Require(fields, OssPostFields.V4Signature);
        var key = await keys.ResolveAsync(credential.AccessKeyId, token, cancellationToken);
        Span<byte> sent = stackalloc byte[32];
        return Hex.TryDecode(provided.AsSpan(), sent)
            && CryptographicOperations.FixedTimeEquals(OssV4Canonical.Sign(key.Secret, credential, policy), sent)
            ? key.Principal
            : throw OssSignatureMismatch.Create(credential.AccessKeyId, policy, provided);
    }

    /// <summary>A form's body is read as sent: its file is not covered by the signature, only the policy is.</summary>
    private static AuthResult Result(Principal principal) => new(principal, PayloadMode.Unsigned, null, null, null, null, null);

    private static string Require(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : throw Missing(name);

    private static CairnException Missing(string name) =>
        Invalid(name, null, $"Bucket POST must contain a field named '{name}'.  If it is specified, please check the order of the fields.");

    private static CairnException Invalid(string name, string? value, string message) =>
        new(ErrorCode.InvalidArgument, message) { Details = new ErrorDetails { ArgumentName = name, ArgumentValue = value } };
}
