using Cairn.Server.Dialects.Oss.Auth;
using Cairn.Server.Dialects.S3.Post;

namespace Cairn.Server.Dialects.Oss.Post;

/// <summary>
/// The form fields of an OSS browser upload (docs/oss-compatibility.md "Form uploads (PostObject)"), names compared
/// ignoring case: those that carry the signature (V1: OSSAccessKeyId and Signature; V4: the x-oss-signature-version,
/// x-oss-credential, x-oss-date and x-oss-signature fields; x-oss-security-token for temporary credentials), and
/// which a starts-with condition may not name. Every other x-oss-* field and the representation fields stand for the
/// PutObject headers of the same name.
/// </summary>
internal static class OssPostFields
{
    public const string AccessKeyId = OssAuthSchemes.V1AccessKeyIdParameter;
    public const string Signature = "Signature";
    public const string SignatureVersion = OssAuthSchemes.V4SignatureVersionParameter;
    public const string Credential = OssV4Verifier.CredentialParameter;
    public const string Date = OssV4Verifier.DateParameter;
    public const string V4Signature = OssV4Canonical.SignatureParameter;
    public const string SecurityToken = OssHeaders.SecurityToken;

    /// <summary>The x-oss-* fields that authenticate the form rather than describe the object.</summary>
    public static readonly IReadOnlySet<string> AuthenticationFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        SignatureVersion, Credential, Date, V4Signature, SecurityToken,
    };

    /// <summary>OSS's form fields all carry the header they stand for by its own name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>();

    /// <summary>Fields whose value is fixed by what the form is for: a policy may only pin them exactly.</summary>
    private static readonly HashSet<string> ExactOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        PostFields.Bucket, SignatureVersion, Credential, Date, SecurityToken,
    };

    /// <summary>True when a starts-with condition may name <paramref name="field"/>.</summary>
    public static bool AllowsStartsWith(string field) => !ExactOnly.Contains(field);
}
