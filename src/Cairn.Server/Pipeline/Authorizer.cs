using Cairn.Core.Authorization;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Operations;
using Cairn.Core.Ports;
using Cairn.Server.Routing;

namespace Cairn.Server.Pipeline;

/// <summary>
/// The authorization stage: hands the principal, the operation and the resource the request names to the
/// <see cref="IAuthorizer"/> policy; a refusal is 403 AccessDenied. The resource reads its bucket's owner through the
/// metadata store only if the policy asks (docs/identity.md).
/// </summary>
internal sealed class Authorizer(IAuthorizer policy, IBucketStore metadata)
{
    public async Task AuthorizeAsync(Principal principal, Operation operation, ResourcePath target, CancellationToken cancellationToken)
    {
        var resource = ResourceRef.In(metadata, target.Bucket, target.Key);
        var decision = await policy.AuthorizeAsync(principal, operation, resource, cancellationToken);
        if (!decision.IsAllowed)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied");
        }
    }
}
