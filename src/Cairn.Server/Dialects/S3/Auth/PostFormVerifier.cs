using System.Security.Cryptography;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Post;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Verifies a browser upload's signature, which signs the base64 policy field as sent (docs/s3-compatibility.md
/// "POST Object"): SigV4 (<c>x-amz-algorithm</c>, <c>x-amz-credential</c>, <c>x-amz-date</c>,
/// <c>x-amz-signature</c> = hex HMAC-SHA256 with the credential scope's signing key) or SigV2
/// (<c>AWSAccessKeyId</c>, <c>signature</c> = base64 HMAC-SHA1 with the secret). <c>x-amz-security-token</c> makes
/// the key a temporary credential, resolved as for any signed request. A form with neither policy nor signature is
/// anonymous. The request time is not checked: the policy's expiration bounds the form's life.
/// </summary>
internal sealed class PostFormVerifier(AccessKeyResolver accessKeys, SigningKeyCache signingKeys)
{
    /// <summary>The s3:authType of a form upload.</summary>
    private const string AuthType = "POST";

    public async Task<AuthResult> VerifyAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var sigV4 = fields.ContainsKey(PostFields.Algorithm) || fields.ContainsKey(PostFields.Credential) || fields.ContainsKey(PostFields.Signature);
        var sigV2 = fields.ContainsKey(PostFields.V2AccessKeyId) || fields.ContainsKey(PostFields.V2Signature);
        if (!sigV4 && !sigV2)
        {
            return fields.ContainsKey(PostFields.Policy)
                ? throw Missing(PostFields.Signature)
                : Result(Principal.Anonymous);
        }

        if (sigV4 && sigV2)
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                "Only one auth mechanism allowed: either the x-amz-* signature fields or AWSAccessKeyId and signature.");
        }

        var policy = Require(fields, PostFields.Policy);
        var token = fields.GetValueOrDefault(PostFields.SecurityToken);
        var principal = sigV4
            ? await VerifySigV4Async(fields, policy, token, cancellationToken)
            : await VerifySigV2Async(fields, policy, token, cancellationToken);
        return Result(principal).SignedWith(sigV4 ? SigV4Authorization.Algorithm : "AWS", AuthType);
    }

    private async Task<Principal> VerifySigV4Async(
        IReadOnlyDictionary<string, string> fields, string policy, string? token, CancellationToken cancellationToken)
    {
        var algorithm = Require(fields, PostFields.Algorithm);
        if (algorithm != SigV4Authorization.Algorithm)
        {
            throw Invalid(PostFields.Algorithm, algorithm, "x-amz-algorithm only supports \"AWS4-HMAC-SHA256\".");
        }

        var credential = SigV4Credential.Parse(Require(fields, PostFields.Credential), ErrorCode.InvalidArgument, SigningKey.S3Service);
        var date = Require(fields, PostFields.Date);
        if (!AmzDate.TryParseIso(date, out _))
        {
            throw Invalid(PostFields.Date, date, "x-amz-date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z'.");
        }

        credential.RequireDateOf(date, ErrorCode.InvalidArgument);
        var provided = Require(fields, PostFields.Signature);
        var key = await accessKeys.ResolveAsync(credential.AccessKeyId, token, cancellationToken);
        var signingKey = signingKeys.Get(credential.AccessKeyId, key.Secret, credential.Date, credential.Region, SigningKey.S3Service);
        var computed = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(policy));
        Span<byte> sent = stackalloc byte[32];
        return Hex.TryDecode(provided.AsSpan(), sent) && CryptographicOperations.FixedTimeEquals(computed, sent)
            ? key.Principal
            : throw Mismatch(credential.AccessKeyId, policy, provided);
    }

    private async Task<Principal> VerifySigV2Async(
        IReadOnlyDictionary<string, string> fields, string policy, string? token, CancellationToken cancellationToken)
    {
        var accessKeyId = Require(fields, PostFields.V2AccessKeyId);
        var provided = Require(fields, PostFields.V2Signature);
        var key = await accessKeys.ResolveAsync(accessKeyId, token, cancellationToken);
        var computed = HMACSHA1.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.UTF8.GetBytes(policy));
        Span<byte> sent = stackalloc byte[20];
        return Convert.TryFromBase64String(provided.Trim(), sent, out var length) && length == sent.Length
            && CryptographicOperations.FixedTimeEquals(computed, sent)
            ? key.Principal
            : throw Mismatch(accessKeyId, policy, provided);
    }

    /// <summary>A form's body is read as sent: its file is not covered by the signature, only the policy is.</summary>
    private static AuthResult Result(Principal principal) =>
        new(principal, PayloadMode.Unsigned, null, null, null, null, null);

    private static string Require(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : throw Missing(name);

    /// <summary>S3's answer for a missing field, which reminds that fields after the file are not read.</summary>
    private static CairnException Missing(string name) =>
        Invalid(name, null, $"Bucket POST must contain a field named '{name}'.  If it is specified, please check the order of the fields.");

    private static CairnException Invalid(string name, string? value, string message) =>
        new(ErrorCode.InvalidArgument, message) { Details = new ErrorDetails { ArgumentName = name, ArgumentValue = value } };

    private static CairnException Mismatch(string accessKeyId, string policy, string provided) =>
        new(ErrorCode.SignatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            Extra = new Dictionary<string, string>
            {
                ["AWSAccessKeyId"] = accessKeyId,
                ["StringToSign"] = policy,
                ["SignatureProvided"] = provided,
            },
        };
}
