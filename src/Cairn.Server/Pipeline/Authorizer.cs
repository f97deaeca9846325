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
    /// it again. The s3:* header condition keys come from <paramref name="conditionHeaders"/> when given (a form
    /// upload's fields), else from the request's headers.
    /// </summary>
    public async Task<ResourceRef> RequireAsync(
        HttpContext context, AuthResult auth, Operation operation, string? bucket, string? key, CancellationToken cancellationToken,
        IHeaderDictionary? conditionHeaders = null)
    {
        var resource = new ResourceRef(bucket, key, ct => buckets.FindAsync(bucket!, ct), ct => objects.GetObjectAsync(bucket!, key!, ct));
        var conditions = PolicyConditions.For(context, auth, operation, time.GetUtcNow(), conditionHeaders ?? context.Request.Headers);
        var decision = await policy.AuthorizeAsync(new AccessRequest(auth.Principal, operation, resource, conditions), cancellationToken);
        if (!decision.IsAllowed)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied");
        }

        return resource;
    }

    /// <summary>
    /// The bucket of a request whose handler authenticates and authorizes it itself (a form upload): nothing has been
    /// decided about it yet.
    /// </summary>
    public ResourceRef NotYetAuthorized(string? bucket) => new(bucket, null, ct => buckets.FindAsync(bucket!, ct));
}
