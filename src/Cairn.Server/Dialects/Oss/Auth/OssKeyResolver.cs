using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// The access key lookup of OSS signatures: the same keys and session tokens as S3 (one <see cref="AccessKeyResolver"/>),
/// with a refused key answered as OSS words it, naming the OSSAccessKeyId.
/// </summary>
internal sealed class OssKeyResolver(AccessKeyResolver keys)
{
    public async Task<ResolvedKey> ResolveAsync(string accessKeyId, string? securityToken, CancellationToken cancellationToken)
    {
        try
        {
            return await keys.ResolveAsync(accessKeyId, securityToken, cancellationToken);
        }
        catch (CairnException e) when (e.Code == ErrorCode.InvalidAccessKeyId)
        {
            throw new CairnException(ErrorCode.InvalidAccessKeyId, "The OSS Access Key Id you provided does not exist in our records.")
            {
                Extra = new Dictionary<string, string> { ["OSSAccessKeyId"] = accessKeyId },
            };
        }
    }
}
