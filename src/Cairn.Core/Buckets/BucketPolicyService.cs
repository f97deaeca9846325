using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>
/// A bucket's policy: stored as the client sent it, after the checks S3 makes when one is put. It must parse as a
/// bucket policy, name only this bucket and its objects, name only users and roles that exist in this server's one account,
/// and, when the effective public access block (the bucket's own united with the server-wide default) blocks public
/// policies, must not be public.
/// </summary>
public sealed class BucketPolicyService(
    BucketSettingsService settings, IIdentityStore identities, IRoleStore roles, PublicAccessBlocks publicAccess)
{
    /// <summary>The policy as the client sent it; NoSuchBucket, or NoSuchBucketPolicy when there is none.</summary>
    public async Task<string> GetTextAsync(string bucket, CancellationToken cancellationToken)
    {
        var access = await settings.GetAsync(bucket, cancellationToken);
        return access.PolicyText
            ?? throw new CairnException(ErrorCode.NoSuchBucketPolicy) { Details = new ErrorDetails { BucketName = bucket } };
    }

    /// <summary>Whether the bucket's policy is public (GetBucketPolicyStatus); NoSuchBucketPolicy when there is none.</summary>
    public async Task<bool> IsPublicAsync(string bucket, CancellationToken cancellationToken) =>
        PolicyDocument.Parse(await GetTextAsync(bucket, cancellationToken), PolicyKind.Bucket).IsPublic;

    /// <summary>
    /// Checks and stores the policy <paramref name="readText"/> reads; MalformedPolicy or AccessDenied change nothing.
    /// The document is read only once the bucket is known to exist, so a request naming a missing bucket is refused
    /// before its body is read.
    /// </summary>
    public async Task PutAsync(string bucket, Func<Task<string>> readText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readText);
        var access = await settings.GetAsync(bucket, cancellationToken);
        var text = await readText();
        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(text, PolicyKind.Bucket);
        }
        catch (MalformedPolicyException e)
        {
            throw new CairnException(ErrorCode.MalformedPolicy, e.Message);
        }

        CheckResources(policy, bucket);
        await CheckPrincipalsAsync(policy, cancellationToken);
        var block = publicAccess.Effective(access.PublicAccessBlock);
        if (policy.IsPublic && block.BlockPublicPolicy)
        {
            throw new CairnException(ErrorCode.AccessDenied,
                "The bucket's public access block (BlockPublicPolicy) refuses a public bucket policy.");
        }

        await settings.SetAsync(bucket, BucketSettingNames.Policy, text, cancellationToken);
    }

    /// <summary>Removes the policy; done also when there was none. NoSuchBucket when the bucket does not exist.</summary>
    public Task DeleteAsync(string bucket, CancellationToken cancellationToken) =>
        settings.SetAsync(bucket, BucketSettingNames.Policy, null, cancellationToken);

    private static void CheckResources(PolicyDocument policy, string bucket)
    {
        var bucketArn = Arns.Bucket(bucket);
        foreach (var resource in policy.Resources)
        {
            if (resource != bucketArn && !resource.StartsWith(bucketArn + "/", StringComparison.Ordinal))
            {
                throw new CairnException(ErrorCode.MalformedPolicy,
                    $"Policy has invalid resource: \"{resource}\" is neither the bucket {bucket} nor objects in it.");
            }
        }
    }

    private async Task CheckPrincipalsAsync(PolicyDocument policy, CancellationToken cancellationToken)
    {
        foreach (var principal in policy.Principals)
        {
            var exists = principal.Account == Arns.AccountId && principal.Kind switch
            {
                PolicyPrincipalKind.User => await identities.FindUserByNameAsync(principal.Value, cancellationToken) is not null,
                PolicyPrincipalKind.CanonicalUser => await identities.FindUserAsync(principal.Value, cancellationToken) is not null,
                PolicyPrincipalKind.Role => await roles.FindRoleByNameAsync(principal.Value, cancellationToken) is not null,
                _ => true,
            };
            if (!exists)
            {
                throw new CairnException(ErrorCode.MalformedPolicy,
                    $"Invalid principal in policy: no {principal.Kind} \"{principal.Value}\" in account {principal.Account}.");
            }
        }
    }
}
