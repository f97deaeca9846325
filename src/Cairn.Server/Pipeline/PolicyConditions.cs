using System.Globalization;
using Cairn.Core.Authorization;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Pipeline;

/// <summary>
/// The condition keys a request offers to policies (docs/access-control.md "Condition keys"): the global aws:* keys
/// every request has, and the s3:* keys S3 defines for the operation (listing parameters for listings, request
/// headers for writes). A key the request does not carry is absent, as the Null operator expects.
/// </summary>
internal static class PolicyConditions
{
    /// <param name="context">The request.</param>
    /// <param name="auth">Who the request acts as, and how it was signed.</param>
    /// <param name="operation">The operation asked about.</param>
    /// <param name="now">The server's time.</param>
    /// <param name="headers">Where the s3:* header keys come from: the request's headers, or, for a form upload, its
    /// fields read as the headers they stand for.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> For(
        HttpContext context, AuthResult auth, Operation operation, DateTimeOffset now, IHeaderDictionary headers)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var request = context.Request;
        if (context.Connection.RemoteIpAddress is { } address)
        {
            keys["aws:SourceIp"] = [(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()];
        }

        keys["aws:CurrentTime"] = [now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
        keys["aws:EpochTime"] = [now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)];
        keys["aws:SecureTransport"] = [request.IsHttps ? "true" : "false"];
        Add(keys, "aws:UserAgent", request.Headers.UserAgent.ToString());
        Add(keys, "aws:Referer", request.Headers.Referer.ToString());
        PrincipalConditionKeys.AddTo(keys, auth.Principal);

        Add(keys, "s3:signatureversion", auth.SignatureVersion);
        Add(keys, "s3:authType", auth.AuthType);
        foreach (var header in S3Headers.PolicyConditionHeaders)
        {
            Add(keys, "s3:" + header, headers[header].ToString());
        }

        if (operation is Operation.ListObjects or Operation.ListObjectsV2 or Operation.ListObjectVersions or Operation.ListMultipartUploads)
        {
            // As S3: the listing's prefix is a key even when empty; delimiter and max-keys only when sent.
            keys["s3:prefix"] = [request.Query["prefix"].ToString()];
            Add(keys, "s3:delimiter", request.Query["delimiter"].ToString());
            Add(keys, "s3:max-keys", request.Query["max-keys"].ToString());
        }

        return keys;
    }

    private static void Add(Dictionary<string, IReadOnlyList<string>> keys, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            keys[name] = [value];
        }
    }
}
