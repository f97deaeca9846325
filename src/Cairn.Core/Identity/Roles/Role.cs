namespace Cairn.Core.Identity.Roles;

/// <summary>
/// A role: rights that callers named by its trust policy take on for a while through STS AssumeRole, without a
/// long-term key of their own (docs/identity.md "Roles and temporary credentials"). What a session of the role may do
/// is what the role's inline policies allow, narrowed by the session's own policy.
/// </summary>
/// <param name="Id">Stable id (<see cref="RoleIds.New"/>); a role deleted and made again under the same name has a new
/// one, so sessions of the old role never gain the new role's rights.</param>
/// <param name="Name">Unique among roles (ignoring case, as IAM compares role names).</param>
/// <param name="OwnerId">The user who created the role: objects and buckets a session of the role creates are owned
/// by this user, as in S3 where everything a role writes belongs to the role's account.</param>
/// <param name="TrustPolicy">The AssumeRolePolicyDocument as sent: who may assume the role.</param>
/// <param name="MaxSessionDuration">The longest session AssumeRole may grant (1 to 12 hours).</param>
/// <param name="Description">Free text shown by GetRole; empty when none.</param>
/// <param name="CreatedAt">When the role was created.</param>
public sealed record Role(
    string Id,
    string Name,
    string OwnerId,
    string TrustPolicy,
    TimeSpan MaxSessionDuration,
    string Description,
    DateTimeOffset CreatedAt)
{
    /// <summary>The session length a role allows unless created with another (IAM's default).</summary>
    public static readonly TimeSpan DefaultMaxSessionDuration = TimeSpan.FromHours(1);

    /// <summary>The role's ARN, the form RoleArn parameters and policy principals name it by.</summary>
    public string Arn => Authorization.Arns.Role(Name);
}
