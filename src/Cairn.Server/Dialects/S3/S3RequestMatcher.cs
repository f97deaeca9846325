using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Recognises an S3 request: signed with SigV4 or SigV2 in the Authorization header or in presign query parameters
/// (a signature), or carrying x-amz-* headers (a header family). Looks only, verifies nothing.
/// </summary>
internal static class S3RequestMatcher
{
    /// <summary>Authorization schemes: SigV4 (and its asymmetric variant, refused later with a clear error) and SigV2.</summary>
    private static readonly string[] Schemes = [SigV4Authorization.Algorithm + " ", "AWS4-ECDSA-P256-SHA256 ", "AWS "];

    public static DialectMatch Match(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (Schemes.Any(scheme => authorization.StartsWith(scheme, StringComparison.Ordinal)))
        {
            return DialectMatch.Signature;
        }

        var query = request.Query;
        if (query.ContainsKey(AuthQueryParameters.Algorithm) || query.ContainsKey(AuthQueryParameters.Credential)
            || query.ContainsKey(AuthQueryParameters.V2AccessKeyId))
        {
            return DialectMatch.Signature;
        }

        foreach (var (name, _) in request.Headers)
        {
            if (name.StartsWith(S3Headers.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return DialectMatch.HeaderFamily;
            }
        }

        return DialectMatch.None;
    }
}
