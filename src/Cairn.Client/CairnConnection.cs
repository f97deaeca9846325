using Amazon.Runtime;

namespace Cairn.Client;

/// <summary>
/// Where a Cairn (or any S3-compatible store) lives and how to sign for it. Kept apart from
/// <see cref="Amazon.S3.AmazonS3Config"/> so the CLI can resolve it from flags, environment or a profile file
/// before a client exists, and so every client made from it gets the same transfer-friendly settings.
/// </summary>
public sealed record CairnConnection
{
    /// <summary>Service URL, e.g. <c>http://127.0.0.1:9000</c>.</summary>
    public required Uri Endpoint { get; init; }

    public required string AccessKey { get; init; }

    public required string SecretKey { get; init; }

    /// <summary>Optional temporary-credential session token (AWS_SESSION_TOKEN).</summary>
    public string? SessionToken { get; init; }

    /// <summary>Signing region; Cairn accepts signatures for any region.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The SDK credentials for this connection: session credentials when a token is set.</summary>
    internal AWSCredentials Credentials() => SessionToken is { Length: > 0 } token
        ? new SessionAWSCredentials(AccessKey, SecretKey, token)
        : new BasicAWSCredentials(AccessKey, SecretKey);
}
