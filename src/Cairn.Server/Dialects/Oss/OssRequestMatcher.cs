using Cairn.Server.Dialects.Oss.Auth;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// Recognises an OSS request: signed with OSS V1 or V4 in the Authorization header or in signed-URL query parameters
/// (a signature), carrying x-oss-* headers (a header family), or arriving on an OSS listener or for a host under an
/// OSS base domain (addressed). Looks only, verifies nothing.
/// </summary>
internal sealed class OssRequestMatcher(OssHosts hosts)
{
    public DialectMatch Match(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(OssAuthSchemes.V1 + " ", StringComparison.Ordinal)
            || authorization.StartsWith(OssAuthSchemes.V4 + " ", StringComparison.Ordinal))
        {
            return DialectMatch.Signature;
        }

        var query = request.Query;
        if (query.ContainsKey(OssAuthSchemes.V1AccessKeyIdParameter) || query.ContainsKey(OssAuthSchemes.V4SignatureVersionParameter))
        {
            return DialectMatch.Signature;
        }

        foreach (var (name, _) in request.Headers)
        {
            if (name.StartsWith(OssHeaders.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return DialectMatch.HeaderFamily;
            }
        }

        return OssConnection.Is(request.HttpContext) || hosts.BaseDomainOf(request.Host.Value) is not null
            ? DialectMatch.Addressed
            : DialectMatch.None;
    }
}
