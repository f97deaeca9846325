using System.Security.Cryptography;
using Amazon.SecurityToken.Model;

namespace Cairn.Client.Sharing;

/// <summary>
/// Asks STS for a temporary credential that can only upload under one prefix (<see cref="UploadSessionPolicy"/> as
/// the session policy): GetFederationToken on the caller's own rights, or AssumeRole when a role is named, so the
/// credential holds the role's rights narrowed to the prefix.
/// </summary>
public sealed class UploadCredentialsIssuer(CairnConnection connection)
{
    /// <param name="roleArn">The role to assume; null for a federation token on the caller's own rights.</param>
    /// <param name="duration">Between <see cref="TemporaryCredentials.MinDuration"/> and <see cref="TemporaryCredentials.MaxDuration"/>.</param>
    public async Task<TemporaryCredentials> IssueAsync(string bucket, string prefix, TimeSpan duration, string? roleArn = null,
        CancellationToken cancellationToken = default)
    {
        if (duration < TemporaryCredentials.MinDuration || duration > TemporaryCredentials.MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Temporary credentials last from 15 minutes to 12 hours.");
        }

        var policy = UploadSessionPolicy.For(bucket, prefix);
        var seconds = (int)duration.TotalSeconds;
        var name = "upload-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        using var sts = CairnStsClientFactory.Create(connection);
        var credentials = roleArn is null
            ? (await sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = name, Policy = policy, DurationSeconds = seconds },
                cancellationToken).ConfigureAwait(false)).Credentials
            : (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = name, Policy = policy, DurationSeconds = seconds },
                cancellationToken).ConfigureAwait(false)).Credentials;
        return new TemporaryCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken,
            new DateTimeOffset((credentials.Expiration ?? DateTime.UtcNow + duration).ToUniversalTime()));
    }
}
