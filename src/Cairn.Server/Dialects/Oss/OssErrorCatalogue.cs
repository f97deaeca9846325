using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.Errors;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// How OSS spells failures (docs/oss-compatibility.md "Errors"): the shared catalogue's entry unless OSS answers the
/// failure with another code, status or text, and the EC value (error sub-code) each answer carries.
/// </summary>
internal static class OssErrorCatalogue
{
    /// <summary>The extra element a failure raised by OSS code may carry to name its own EC (removed from the document's other extras).</summary>
    public const string EcExtra = "EC";

    private static readonly ErrorEntry FileAlreadyExists =
        new("FileAlreadyExists", 409, "The object you specified already exists and can not be overwritten.");

    private static readonly ErrorEntry ObjectNameTooLong = new("InvalidObjectName", 400, "The Length of Object name must be less than 1024");

    private static readonly ErrorEntry ObjectNameInvalid = new("InvalidObjectName", 400, "The specified object is not valid.");

    private static readonly ErrorEntry SecurityTokenExpired = new("SecurityTokenExpired", 403, "The security token you provided has expired.");

    private static readonly ErrorEntry InvalidSecurityToken = new("InvalidSecurityToken", 403, "The security token you provided is invalid.");

    private static readonly ErrorEntry InvalidDigest = new("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");

    private static readonly ErrorEntry InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The OSS Access Key Id you provided does not exist in our records.");

    private static readonly ErrorEntry NoSuchLifecycle = new("NoSuchLifecycle", 404, "No Row found in Lifecycle Table.");

    /// <summary>Entries whose text is OSS's own: their message replaces whatever detail the failure carried.</summary>
    private static readonly HashSet<ErrorEntry> OwnText = [FileAlreadyExists, ObjectNameTooLong, ObjectNameInvalid, SecurityTokenExpired, InvalidSecurityToken, NoSuchLifecycle];

    /// <summary>EC values Alibaba publishes for these codes; every other code gets Cairn's own (<see cref="Ec"/>).</summary>
    private static readonly FrozenDictionary<string, string> PublishedEc = new Dictionary<string, string>
    {
        ["NoSuchKey"] = "0026-00000001",
        ["NoSuchBucket"] = "0015-00000101",
        ["RequestTimeTooSkewed"] = "0002-00000504",
        ["CallbackFailed"] = "0007-00000203",
        ["InvalidTag"] = "0010-00000217",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The prefix of Cairn's own EC values, a module number Alibaba does not use.</summary>
    private const string CairnEcModule = "0099-";

    /// <summary>The entry OSS answers <paramref name="error"/> with, for <paramref name="request"/>.</summary>
    public static ErrorEntry Describe(CairnException error, HttpRequest request) => error.Code switch
    {
        // x-oss-forbid-overwrite: the key was taken, first or by a concurrent write that won.
        ErrorCode.PreconditionFailed or ErrorCode.ConditionalRequestConflict
            when error.Details?.Condition is null or "If-None-Match" && OssWriteConditions.AsksForbidOverwrite(request.Headers) => FileAlreadyExists,
        ErrorCode.KeyTooLongError => ObjectNameTooLong,
        ErrorCode.InvalidArgument when error.Details?.ArgumentName == "key" => ObjectNameInvalid,
        ErrorCode.BadDigest => InvalidDigest,
        ErrorCode.ExpiredToken => SecurityTokenExpired,
        ErrorCode.InvalidToken => InvalidSecurityToken,
        ErrorCode.InvalidAccessKeyId => InvalidAccessKeyId,
        ErrorCode.NoSuchLifecycleConfiguration => NoSuchLifecycle,
        _ => ErrorCatalogue.Get(error.Code),
    };

    /// <summary>The message of an answer: OSS's own text for the codes OSS words itself, else the failure's detail.</summary>
    public static string Message(ErrorEntry entry, string message) => OwnText.Contains(entry) ? entry.Message : message;

    /// <summary>
    /// The EC value of an answer: the one the failure names itself, else Alibaba's published value for the code,
    /// else Cairn's own, <c>0099-</c> and eight digits derived from the code (stable across releases, distinct per code).
    /// </summary>
    public static string Ec(ErrorEntry entry, IReadOnlyDictionary<string, string>? extra)
    {
        if (extra is not null && extra.TryGetValue(EcExtra, out var named))
        {
            return named;
        }

        return PublishedEc.TryGetValue(entry.Code, out var published) ? published : CairnEcModule + Digits(entry.Code);
    }

    /// <summary>FNV-1a of the code's bytes, eight decimal digits.</summary>
    private static string Digits(string code)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.ASCII.GetBytes(code))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (hash % 100_000_000u).ToString("D8", CultureInfo.InvariantCulture);
    }
}
