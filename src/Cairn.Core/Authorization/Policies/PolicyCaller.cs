namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Who a policy is evaluated for: a user (canonical id and name) or an anonymous request. Principal elements match
/// it by canonical id, by user ARN (<see cref="Arns.User"/>) or by "*".
/// </summary>
public sealed record PolicyCaller(string? UserId, string? UserName)
{
    public static PolicyCaller Anonymous { get; } = new(null, null);

    public bool IsAnonymous => UserId is null;

    /// <summary>The caller's user ARN; null when anonymous.</summary>
    public string? Arn => UserName is null ? null : Arns.User(UserName);
}
