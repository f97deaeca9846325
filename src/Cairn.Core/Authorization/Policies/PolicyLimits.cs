using System.Text;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// How large a policy document may be, in UTF-8 bytes as sent: 20 KB for a bucket policy, as S3 allows; 10 KB for
/// each user policy (IAM allows 2 KB for all of a user's inline policies together, which leaves too little room for
/// the per-prefix grants inline policies are used for here, so Cairn takes IAM's larger per-role figure).
/// </summary>
public static class PolicyLimits
{
    public const int MaxBucketPolicyBytes = 20 * 1024;

    public const int MaxUserPolicyBytes = 10 * 1024;

    /// <summary>A role's trust policy: IAM's default quota.</summary>
    public const int MaxTrustPolicyBytes = 2048;

    /// <summary>A session policy given to AssumeRole or GetFederationToken, as STS limits it.</summary>
    public const int MaxSessionPolicyBytes = 2048;

    public static int MaxBytes(PolicyKind kind) => kind switch
    {
        PolicyKind.Bucket => MaxBucketPolicyBytes,
        PolicyKind.Trust => MaxTrustPolicyBytes,
        _ => MaxUserPolicyBytes,
    };

    /// <summary>True when <paramref name="text"/> is larger than a <paramref name="kind"/> policy may be.</summary>
    public static bool IsTooLarge(string text, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encoding.UTF8.GetByteCount(text) > MaxBytes(kind);
    }
}
