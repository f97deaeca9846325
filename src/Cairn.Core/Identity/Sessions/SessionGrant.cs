namespace Cairn.Core.Identity.Sessions;

/// <summary>
/// Everything a temporary credential stands for, sealed whole into its session token (<see cref="SessionTokens"/>):
/// the server keeps no state per session, so a token works on every node sharing the master key and survives
/// restarts, and nothing in it can be changed without the token failing to open.
/// </summary>
public sealed record SessionGrant
{
    /// <summary>The temporary access key id the client signs with (<see cref="SessionTokens.NewAccessKeyId"/>).</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The temporary secret the client signs with.</summary>
    public required string Secret { get; init; }

    public required SessionKind Kind { get; init; }

    /// <summary>
    /// The user the session stands on: the caller of GetSessionToken or GetFederationToken, or for AssumeRole the
    /// role's owner (who owns what the session writes).
    /// </summary>
    public required string UserId { get; init; }

    /// <summary>The role's id (AssumeRole only); a role made again under the same name has another.</summary>
    public string? RoleId { get; init; }

    /// <summary>The role's name (AssumeRole only).</summary>
    public string? RoleName { get; init; }

    /// <summary>RoleSessionName for AssumeRole, Name for GetFederationToken; null for GetSessionToken.</summary>
    public string? SessionName { get; init; }

    /// <summary>The session policy as sent (AssumeRole, GetFederationToken); null when none narrows the session.</summary>
    public string? Policy { get; init; }

    /// <summary>The ExternalId the caller gave AssumeRole, kept for the record; null when none.</summary>
    public string? ExternalId { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset Expiration { get; init; }

    /// <summary>The ARN the session acts as: the assumed-role or federated-user ARN; null for GetSessionToken (the user's own).</summary>
    public string? Arn => Kind switch
    {
        SessionKind.AssumedRole => Authorization.Arns.AssumedRole(RoleName!, SessionName!),
        SessionKind.Federated => Authorization.Arns.FederatedUser(SessionName!),
        _ => null,
    };

    /// <summary>Everything but the secret.</summary>
    public override string ToString() => $"SessionGrant {{ AccessKeyId = {AccessKeyId}, Kind = {Kind}, UserId = {UserId}, RoleId = {RoleId}, Expiration = {Expiration:O} }}";
}
