namespace Cairn.Client.Sharing;

/// <summary>
/// A short-lived key from STS: what a device is handed instead of a long-term key. Every request signed with it
/// carries <see cref="SessionToken"/>; after <see cref="Expiration"/> the server answers ExpiredToken.
/// </summary>
public sealed record TemporaryCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration)
{
    /// <summary>STS's bounds for a session's duration (GetFederationToken and AssumeRole): 15 minutes to 12 hours.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(15);

    /// <inheritdoc cref="MinDuration"/>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(12);

    /// <summary>A connection to <paramref name="endpoint"/> that signs with these credentials.</summary>
    public CairnConnection ToConnection(Uri endpoint, string region = "us-east-1") => new()
    {
        Endpoint = endpoint,
        AccessKey = AccessKeyId,
        SecretKey = SecretAccessKey,
        SessionToken = SessionToken,
        Region = region,
    };
}
