using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// A V4 credential, <c>AccessKeyId/yyyyMMdd/region/oss/aliyun_v4_request</c> (docs/oss-compatibility.md "Signatures");
/// the region is whatever the client signed with.
/// </summary>
internal sealed record OssV4Credential(string AccessKeyId, string Date, string Region)
{
    public const string Product = "oss";
    public const string Terminator = "aliyun_v4_request";

    /// <summary>The credential scope: <c>yyyyMMdd/region/oss/aliyun_v4_request</c>.</summary>
    public string Scope => $"{Date}/{Region}/{Product}/{Terminator}";

    /// <summary>Reads a credential; a malformed one is 400 InvalidArgument naming <paramref name="carrier"/>.</summary>
    public static OssV4Credential Parse(string value, string carrier)
    {
        // The key id may itself contain '/' (never in Cairn's keys, but split from the right to be exact).
        var parts = value.Split('/');
        if (parts.Length < 5 || parts[^1] != Terminator || parts[^2] != Product || parts[^4].Length != 8
            || !parts[^4].All(char.IsAsciiDigit) || parts[^3].Length == 0)
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                $"Invalid credential: expected AccessKeyId/yyyyMMdd/region/{Product}/{Terminator}.")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = carrier, ["ArgumentValue"] = value },
            };
        }

        return new OssV4Credential(string.Join('/', parts[..^4]), parts[^4], parts[^3]);
    }
}
