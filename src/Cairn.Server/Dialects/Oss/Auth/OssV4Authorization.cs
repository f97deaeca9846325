using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// <c>Authorization: OSS4-HMAC-SHA256 Credential=...,AdditionalHeaders=a;b,Signature=hex</c> taken apart
/// (docs/oss-compatibility.md "Signatures"); AdditionalHeaders is optional.
/// </summary>
internal sealed record OssV4Authorization(OssV4Credential Credential, IReadOnlyList<string> AdditionalHeaders, string Signature)
{
    /// <summary>Parses what follows the scheme name; a malformed header is 400 InvalidArgument.</summary>
    public static OssV4Authorization Parse(string parameters)
    {
        string? credential = null, additional = null, signature = null;
        foreach (var piece in parameters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=');
            var name = equals < 0 ? piece : piece[..equals].Trim();
            var value = equals < 0 ? string.Empty : piece[(equals + 1)..].Trim();
            switch (name)
            {
                case "Credential": credential = value; break;
                case "AdditionalHeaders": additional = value; break;
                case "Signature": signature = value; break;
                default: throw Malformed("Unknown Authorization parameter " + name + ".");
            }
        }

        if (credential is null || string.IsNullOrEmpty(signature))
        {
            throw Malformed("The Authorization header needs Credential and Signature.");
        }

        return new OssV4Authorization(OssV4Credential.Parse(credential, AuthHeaders.Authorization), AdditionalNames(additional), signature);
    }

    /// <summary>The <c>;</c>-separated additional header names, lower-cased (header or x-oss-additional-headers).</summary>
    public static IReadOnlyList<string> AdditionalNames(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.ToLowerInvariant()).ToArray();

    private static CairnException Malformed(string message) =>
        new(ErrorCode.InvalidArgument, message)
        {
            Extra = new Dictionary<string, string> { ["ArgumentName"] = AuthHeaders.Authorization },
        };
}
