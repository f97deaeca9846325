using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Iam;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.Sts;

/// <summary>
/// What the STS tests share: the official STS client (AWSSDK.SecurityToken) against a test server, S3 clients for
/// temporary credentials, trust policies, and roles made through the admin API as the root user.
/// </summary>
internal static class StsTestSupport
{
    public const string Account = "000000000000";

    // Values out of STS's bounds, sent on purpose: the SDK's analyzer refuses such literals at build time, but the
    // server must refuse them from any client.
    public static readonly int BelowMinimum = 899;
    public static readonly int AboveRoleMaximum = 43201;
    public static readonly int AboveUserMaximum = 129601;
    public static readonly string OneCharacter = "x";

    public static AmazonSecurityTokenServiceClient Client(CairnHost host, AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = host.BaseAddress.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public static AmazonSecurityTokenServiceClient Root(CairnHost host) =>
        Client(host, new BasicAWSCredentials(host.AccessKey, host.SecretKey));

    public static AmazonSecurityTokenServiceClient For(CairnHost host, TestUser user) =>
        Client(host, new BasicAWSCredentials(user.Key.AccessKeyId, user.Key.Secret));

    public static AmazonSecurityTokenServiceClient For(CairnHost host, Credentials credentials) => Client(host, Session(credentials));

    public static SessionAWSCredentials Session(Credentials credentials) =>
        new(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);

    /// <summary>An S3 client signing with temporary credentials (their token in x-amz-security-token).</summary>
    public static AmazonS3Client S3(CairnHost host, Credentials credentials) => TestUsers.Client(host, Session(credentials));

    public static string RoleArn(string name) => $"arn:aws:iam::{Account}:role/{name}";

    public static string UniqueName(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A trust policy letting the AWS principals named assume the role, with an optional Condition block.</summary>
    public static string Trust(string principal, string? condition = null) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"sts:AssumeRole"{{(condition is null ? "" : ",\"Condition\":" + condition)}}}]}""";

    /// <summary>Creates a role as the root user (and its inline policy when given); returns its ARN.</summary>
    public static async Task<string> CreateRoleAsync(CairnServerFixture fixture, string name, string trust, string? policy = null, int? maxSessionSeconds = null)
    {
        using var root = new RawIamClient(fixture.BaseAddress, fixture.AccessKey, fixture.SecretKey);
        List<(string, string)> parameters = [("RoleName", name), ("AssumeRolePolicyDocument", trust)];
        if (maxSessionSeconds is { } seconds)
        {
            parameters.Add(("MaxSessionDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        (await root.CallAsync("CreateRole", [.. parameters])).Result("CreateRole");
        if (policy is not null)
        {
            (await root.CallAsync("PutRolePolicy", ("RoleName", name), ("PolicyName", "rights"), ("PolicyDocument", policy))).Result("PutRolePolicy");
        }

        return RoleArn(name);
    }

    // STS still answers PackedPolicySize, which the SDK marks obsolete in favour of a newer field.
#pragma warning disable CS0618
    public static int? PackedPolicySize(AssumeRoleResponse response) => response.PackedPolicySize;

    public static int? PackedPolicySize(GetFederationTokenResponse response) => response.PackedPolicySize;
#pragma warning restore CS0618

    /// <summary>The STS error a call fails with.</summary>
    public static async Task<AmazonSecurityTokenServiceException> ErrorAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(call);
        return e;
    }
}
