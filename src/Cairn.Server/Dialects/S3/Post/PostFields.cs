using Cairn.Server.Dialects.S3.Auth;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Dialects.S3.Post;

/// <summary>
/// The form fields of an S3 browser upload (docs/s3-compatibility.md "POST Object"), names compared ignoring case:
/// which carry the signature, which a policy need not name, which a starts-with condition may not name, and which
/// stand for the request headers of a PutObject.
/// </summary>
internal static class PostFields
{
    public const string File = "file";
    public const string Key = "key";
    public const string Bucket = "bucket";
    public const string Policy = "policy";
    public const string Acl = "acl";
    public const string Tagging = "tagging";

    public const string Algorithm = "x-amz-algorithm";
    public const string Credential = "x-amz-credential";
    public const string Date = "x-amz-date";
    public const string Signature = "x-amz-signature";
    public const string SecurityToken = AuthHeaders.AmzSecurityToken;
    public const string V2AccessKeyId = "AWSAccessKeyId";
    public const string V2Signature = "signature";

    /// <summary>The placeholder in <c>key</c> replaced by the name of the uploaded file.</summary>
    public const string FileNameVariable = "${filename}";

    /// <summary>Fields a policy need not name: the policy itself, the signature and its key id, the file.</summary>
    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        Policy, Signature, V2Signature, V2AccessKeyId, File,
    };

    /// <summary>Fields whose value is fixed by what the form is for: a policy may only pin them exactly.</summary>
    private static readonly HashSet<string> ExactOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        Bucket, Algorithm, Credential, Date, SecurityToken, Tagging,
    };

    /// <summary>The representation headers a field may set, by the same name.</summary>
    private static readonly HashSet<string> ObjectHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentType, HeaderNames.CacheControl, HeaderNames.ContentDisposition, HeaderNames.ContentEncoding,
        HeaderNames.ContentLanguage, HeaderNames.Expires, HeaderNames.ContentMD5,
    };

    /// <summary>The x-amz-* fields that authenticate the form rather than describe the object.</summary>
    private static readonly HashSet<string> AuthenticationFields = new(StringComparer.OrdinalIgnoreCase)
    {
        Algorithm, Credential, Date, Signature, SecurityToken,
    };

    /// <summary>True when a submitted field needs no policy condition (also every <c>x-ignore-*</c> field).</summary>
    public static bool IsExempt(string name) =>
        Exempt.Contains(name) || name.StartsWith("x-ignore-", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a starts-with condition may name <paramref name="field"/>.</summary>
    public static bool AllowsStartsWith(string field) => !ExactOnly.Contains(field);

    /// <summary>S3's fields that stand for a header of another name.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        [Acl] = S3Headers.Acl,
    };

    /// <summary>
    /// The fields read as the PutObject request headers they stand for: the representation headers, the x-amz-*
    /// fields that describe the object (metadata, checksums, storage class...) and <c>acl</c> as x-amz-acl. The same
    /// header rules (metadata, checksums, ACL, unsupported features) then apply to a form as to a PutObject. The
    /// <c>tagging</c> field is a Tagging document, not the header's query form: <see cref="S3PostObjectCodec"/> reads it.
    /// </summary>
    public static HeaderDictionary AsHeaders(IReadOnlyDictionary<string, string> fields) =>
        AsHeaders(fields, S3Headers.Prefix, AuthenticationFields, Renamed);

    /// <summary>
    /// The fields a dialect's form carries as request headers: the representation headers by their own names, the
    /// fields named with the dialect's header <paramref name="prefix"/> except those that authenticate the form, and
    /// the <paramref name="renamed"/> fields under the header they stand for.
    /// </summary>
    public static HeaderDictionary AsHeaders(IReadOnlyDictionary<string, string> fields, string prefix,
        IReadOnlySet<string> authenticationFields, IReadOnlyDictionary<string, string> renamed)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(renamed);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in fields)
        {
            if (renamed.TryGetValue(name, out var header))
            {
                headers[header] = value;
            }
            else if (ObjectHeaders.Contains(name)
                || (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !authenticationFields.Contains(name)))
            {
                headers[name] = value;
            }
        }

        return headers;
    }
}
