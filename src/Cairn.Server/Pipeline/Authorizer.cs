using Cairn.Core.Authorization;
using Cairn.Core.Buckets;
using Cairn.Core.Errors;
using Cairn.Core.Operations;
using Cairn.Core.Ports;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Pipeline;

/// <summary>
/// The authorization stage: asks the <see cref="IAuthorizer"/> whether the request's principal may perform an
/// operation on a bucket and key, with the request's condition keys; a refusal is 403 AccessDenied. The bucket's
/// access configuration (cached) and the object's record are read only if the decision needs them
/// (docs/access-control.md). Handlers ask again for the other resources an operation touches (a copy's source,
/// each key of a batch delete).
/// </summary>
internal sealed class Authorizer(IAuthorizer policy, BucketSettingsService buckets, IObjectStore objects, TimeProvider time)
{
    /// <summary>
    /// Throws AccessDenied unless the request may perform <paramref name="operation"/> on bucket/key; returns the
    /// resource asked about, whose object record (if the decision read it) the handler reuses instead of reading
    /// it again.
    /// </summary>
    public async Task<ResourceRef> RequireAsync(
        HttpContext context, AuthResult auth, Operation operation, string? bucket, string? key, CancellationToken cancellationToken)
    {
        var resource = new ResourceRef(bucket, key, ct => buckets.FindAsync(bucket!, ct), ct => objects.GetObjectAsync(bucket!, key!, ct));
        var conditions = PolicyConditions.For(context, auth, operation, time.GetUtcNow());
        var decision = await policy.AuthorizeAsync(new AccessRequest(auth.Principal, operation, resource, conditions), cancellationToken);
        if (!decision.IsAllowed)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied");
        }

        return resource;
    }
}
