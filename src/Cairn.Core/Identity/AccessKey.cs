namespace Cairn.Core.Identity;

/// <summary>
/// A key pair a user signs requests with. The secret is kept as issued: SigV4 and SigV2 verification must compute
/// the same HMAC as the client, so it cannot be hashed.
/// </summary>
/// <param name="AccessKeyId">The public half, sent with every signed request.</param>
/// <param name="Secret">The signing secret.</param>
/// <param name="UserId">The user the key acts for.</param>
/// <param name="Status">An inactive key is refused as if it did not exist.</param>
/// <param name="ExpiresAt">After this instant the key is refused; null = never expires.</param>
/// <param name="CreatedAt">When the key was issued.</param>
public sealed record AccessKey(
    string AccessKeyId, string Secret, string UserId, IdentityStatus Status, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;

    /// <summary>Everything but the secret, so that a logged or asserted key never leaks it.</summary>
    public override string ToString() =>
        $"AccessKey {{ AccessKeyId = {AccessKeyId}, UserId = {UserId}, Status = {Status}, ExpiresAt = {ExpiresAt}, CreatedAt = {CreatedAt} }}";
}
