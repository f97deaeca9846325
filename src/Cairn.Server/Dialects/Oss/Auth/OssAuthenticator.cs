using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// Verifies an OSS request's signature (docs/oss-compatibility.md "Signatures"): V1 and V4, in the Authorization
/// header or a signed URL, with x-oss-security-token for temporary credentials; anonymous when it carries none.
/// </summary>
internal sealed class OssAuthenticator(AccessKeyResolver keys, TimeProvider time)
{
    public Task<AuthResult> AuthenticateAsync(HttpRequest request, ResourcePath target, CancellationToken cancellationToken)
    {
        _ = (keys, time, target, cancellationToken);
        if (request.Headers.Authorization.Count == 0 && !request.Query.ContainsKey(OssAuthSchemes.V1AccessKeyIdParameter)
            && !request.Query.ContainsKey(OssAuthSchemes.V4SignatureVersionParameter))
        {
            return Task.FromResult(AuthResult.Unauthenticated(request));
        }

        throw new CairnException(ErrorCode.NotImplemented, "OSS signatures are not verified yet.");
    }
}
