using Cairn.Core.Authorization.Acl;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Identity.Sessions;
using Cairn.Core.Operations;

namespace Cairn.Core.Authorization;

/// <summary>
/// The one access decision (docs/access-control.md "How a request is decided"). Root may do everything. Otherwise
/// an explicit Deny in the caller's user policies or the bucket policy refuses; an Allow from either permits; failing
/// both, the bucket owner may do everything with its bucket and an ACL grant permits what it grants. The public
/// access block narrows this: IgnorePublicAcls drops public grants, RestrictPublicBuckets lets a public bucket policy
/// allow nobody but the bucket owner. A key that does not exist is answered as S3 does: 404 for whoever may list the
/// bucket, 403 for others.
/// <para>Temporary credentials (docs/access-control.md "Sessions") are narrowed by their session policy first: a
/// session with a policy may do only what that policy allows. A role session then has exactly what its role's policies
/// or the bucket policy allow, with no owner or ACL rights of its own; other sessions go on as their user.</para>
/// </summary>
public sealed class AccessEvaluator(IIdentityStore identities, IRoleStore roles, PolicyCache policies, PublicAccessBlocks publicAccess) : IAuthorizer
{
    public async Task<AuthorizationDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var action = Permissions.ActionFor(request.Operation);
        var principal = request.Principal;
        if (principal.IsRoot)
        {
            return AuthorizationDecision.Allow(action);
        }

        var resource = request.Resource;
        var policyRequest = new PolicyRequest
        {
            Action = action,
            Resource = resource.Arn,
            Caller = PolicyCaller.For(principal),
            Conditions = request.Conditions,
        };

        if (principal.Session is { } session)
        {
            if (session.Policy is { } sessionPolicy && Evaluate(sessionPolicy, PolicyKind.User, policyRequest) != PolicyVerdict.Allow)
            {
                return AuthorizationDecision.Deny(action, "The session policy does not allow this.");
            }

            if (session.Kind == SessionKind.AssumedRole)
            {
                return await RoleSessionAsync(request, session, policyRequest, action, cancellationToken);
            }

            if (principal.UserId == User.RootId)
            {
                // A narrowed session of root: its policy allowed this, and root may do everything.
                return AuthorizationDecision.Allow(action);
            }
        }

        var userVerdict = await UserPoliciesAsync(principal, policyRequest, cancellationToken);
        if (userVerdict == PolicyVerdict.Deny)
        {
            return AuthorizationDecision.Deny(action, "An explicit deny in the user's policy.");
        }

        var (scope, right) = AclRequirements.For(request.Operation);
        var bucket = await resource.BucketAccessAsync(cancellationToken);
        var block = publicAccess.Effective(bucket?.PublicAccessBlock);
        var bucketVerdict = bucket is null ? PolicyVerdict.NotApplicable : BucketPolicy(bucket, block, principal, policyRequest);
        if (bucketVerdict == PolicyVerdict.Deny)
        {
            return AuthorizationDecision.Deny(action, "An explicit deny in the bucket policy.");
        }

        if (userVerdict == PolicyVerdict.Allow || bucketVerdict == PolicyVerdict.Allow)
        {
            return AuthorizationDecision.Allow(action);
        }

        if (scope == AclScope.Account || (bucket is null && resource.Bucket is not null))
        {
            // No bucket to ask (ListBuckets, CreateBucket), or it does not exist: any signed request goes on to its
            // answer (the bucket list, NoSuchBucket, BucketAlreadyExists...); bucket names are not secret.
            return principal.IsAnonymous
                ? AuthorizationDecision.Deny(action, "Anonymous requests cannot do this.")
                : AuthorizationDecision.Allow(action);
        }

        if (bucket is null)
        {
            return AuthorizationDecision.Deny(action, "No policy allows this.");
        }

        return await AclAsync(request, bucket, block, scope, right, action, cancellationToken);
    }

    /// <summary>A role session: the role's policies or the bucket policy must allow, neither may deny.</summary>
    private async Task<AuthorizationDecision> RoleSessionAsync(
        AccessRequest request, SessionGrant session, PolicyRequest policyRequest, string action, CancellationToken cancellationToken)
    {
        var roleVerdict = PolicyVerdict.NotApplicable;
        foreach (var policy in await roles.ListRolePoliciesAsync(session.RoleId!, cancellationToken))
        {
            roleVerdict = Combine(roleVerdict, Evaluate(policy.Document, PolicyKind.User, policyRequest));
        }

        if (roleVerdict == PolicyVerdict.Deny)
        {
            return AuthorizationDecision.Deny(action, "An explicit deny in the role's policy.");
        }

        var bucket = await request.Resource.BucketAccessAsync(cancellationToken);
        var bucketVerdict = bucket is null
            ? PolicyVerdict.NotApplicable
            : BucketPolicy(bucket, publicAccess.Effective(bucket.PublicAccessBlock), request.Principal, policyRequest);
        return bucketVerdict switch
        {
            PolicyVerdict.Deny => AuthorizationDecision.Deny(action, "An explicit deny in the bucket policy."),
            _ when roleVerdict == PolicyVerdict.Allow || bucketVerdict == PolicyVerdict.Allow => AuthorizationDecision.Allow(action),
            _ => AuthorizationDecision.Deny(action, "No policy of the role allows this."),
        };
    }

    private PolicyVerdict Evaluate(string text, PolicyKind kind, PolicyRequest request) =>
        policies.Get(text, kind)?.Evaluate(request) ?? PolicyVerdict.NotApplicable;

    /// <summary>Deny wins over Allow, Allow over nothing.</summary>
    private static PolicyVerdict Combine(PolicyVerdict a, PolicyVerdict b) =>
        a == PolicyVerdict.Deny || b == PolicyVerdict.Deny ? PolicyVerdict.Deny
        : a == PolicyVerdict.Allow || b == PolicyVerdict.Allow ? PolicyVerdict.Allow
        : PolicyVerdict.NotApplicable;

    private async Task<PolicyVerdict> UserPoliciesAsync(Principal principal, PolicyRequest request, CancellationToken cancellationToken)
    {
        if (principal.IsAnonymous)
        {
            return PolicyVerdict.NotApplicable;
        }

        var verdict = PolicyVerdict.NotApplicable;
        foreach (var policy in await identities.ListUserPoliciesAsync(principal.UserId, cancellationToken))
        {
            verdict = Combine(verdict, Evaluate(policy.Document, PolicyKind.User, request));
        }

        return verdict;
    }

    private PolicyVerdict BucketPolicy(BucketAccess bucket, PublicAccessBlock block, Principal principal, PolicyRequest request)
    {
        if (bucket.PolicyText is not { } text || policies.Get(text, PolicyKind.Bucket) is not { } policy)
        {
            return PolicyVerdict.NotApplicable;
        }

        var verdict = policy.Evaluate(request);
        if (verdict == PolicyVerdict.Allow && block.RestrictPublicBuckets && policy.IsPublic && principal.UserId != bucket.Owner)
        {
            // A public policy on a restricted bucket allows only the owner's own requests.
            return PolicyVerdict.NotApplicable;
        }

        return verdict;
    }

    private async Task<AuthorizationDecision> AclAsync(
        AccessRequest request, BucketAccess bucket, PublicAccessBlock block, AclScope scope, AclRight right, string action,
        CancellationToken cancellationToken)
    {
        var caller = request.Principal.UserId;
        var isBucketOwner = caller is not null && caller == bucket.Owner;
        switch (scope)
        {
            case AclScope.PerKey:
                // Each key is asked about on its own by the handler.
                return AuthorizationDecision.Allow(action);
            case AclScope.BucketOwner:
                return isBucketOwner ? AuthorizationDecision.Allow(action) : AuthorizationDecision.Deny(action, "Only the bucket owner may do this.");
            case AclScope.BucketGrant:
                if (isBucketOwner)
                {
                    return AuthorizationDecision.Allow(action);
                }

                return !bucket.AclsDisabled && Effective(bucket.Acl, block).Allows(bucket.Owner, caller, right)
                    ? AuthorizationDecision.Allow(action)
                    : AuthorizationDecision.Deny(action, "No grant allows this.");
        }

        var stored = await request.Resource.ObjectAsync(cancellationToken);
        if (stored is null)
        {
            // As S3: whoever may list the bucket learns that the key does not exist; others are refused.
            var listing = await AuthorizeAsync(
                request with { Operation = Operation.ListObjects, Resource = request.Resource.WithoutKey() }, cancellationToken);
            return listing.IsAllowed ? AuthorizationDecision.Allow(action) : AuthorizationDecision.Deny(action, "No grant allows this.");
        }

        var owner = bucket.AclsDisabled ? bucket.Owner : stored.Owner;
        if (caller is not null && caller == owner)
        {
            return AuthorizationDecision.Allow(action);
        }

        return !bucket.AclsDisabled && Effective(stored.Acl ?? CannedAcls.Private(owner), block).Allows(owner, caller, right)
            ? AuthorizationDecision.Allow(action)
            : AuthorizationDecision.Deny(action, "No grant allows this.");
    }

    private static AccessControlList Effective(AccessControlList acl, PublicAccessBlock block) =>
        block.IgnorePublicAcls ? acl.WithoutPublicGrants() : acl;
}
