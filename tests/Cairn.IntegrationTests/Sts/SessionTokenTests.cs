using System.Net;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Sts;

/// <summary>
/// GetSessionToken, GetFederationToken and GetCallerIdentity through the official STS client: durations and their
/// caps, who each credential says it is, and the session credentials that may not make further sessions.
/// </summary>
public sealed class SessionTokenTests(CairnServerFixture fixture) : IClassFixture<CairnServerFixture>
{
    [Fact]
    public async Task GetCallerIdentity_names_the_root_account_and_users()
    {
        var user = await TestUsers.CreateAsync(fixture.Host, "whoami");

        var root = await Root(fixture.Host).GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal($"arn:aws:iam::{Account}:root", root.Arn);
        Assert.Equal(Account, root.Account);
        Assert.Equal(Account, root.UserId);

        var me = await For(fixture.Host, user).GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal($"arn:aws:iam::{Account}:user/{user.Name}", me.Arn);
        Assert.Equal(user.Id, me.UserId);
    }

    [Fact]
    public async Task GetSessionToken_lasts_12_hours_by_default_and_its_credentials_act_as_the_user()
    {
        var user = await TestUsers.CreateAsync(fixture.Host, "traveller");
        var before = DateTime.UtcNow;

        var token = await For(fixture.Host, user).GetSessionTokenAsync(new GetSessionTokenRequest());

        Assert.Matches("^ASIA[A-Z2-7]{16}$", token.Credentials.AccessKeyId);
        Assert.InRange(token.Credentials.Expiration!.Value.ToUniversalTime(), before.AddHours(12).AddSeconds(-5), DateTime.UtcNow.AddHours(12).AddSeconds(5));
        using var sts = For(fixture.Host, token.Credentials);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal($"arn:aws:iam::{Account}:user/{user.Name}", identity.Arn);
        using var s3 = S3(fixture.Host, token.Credentials);
        await s3.ListBucketsAsync();

        var again = await ErrorAsync(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest()));
        Assert.Equal("AccessDenied", again.ErrorCode);
        Assert.Equal("Cannot call GetSessionToken with session credentials", again.Message);
        Assert.Equal("AccessDenied", (await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "nested" }))).ErrorCode);
    }

    [Fact]
    public async Task GetSessionToken_takes_900_to_129600_seconds_and_caps_the_root_user_at_one_hour()
    {
        var user = await TestUsers.CreateAsync(fixture.Host, "durations");
        using var sts = For(fixture.Host, user);

        Assert.Equal("ValidationError", (await ErrorAsync(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = BelowMinimum }))).ErrorCode);
        Assert.Equal("ValidationError", (await ErrorAsync(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = AboveUserMaximum }))).ErrorCode);

        var before = DateTime.UtcNow;
        var longest = await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 129600 });
        Assert.InRange(longest.Credentials.Expiration!.Value.ToUniversalTime(), before.AddSeconds(129595), DateTime.UtcNow.AddSeconds(129605));
        var root = await Root(fixture.Host).GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 129600 });
        Assert.InRange(root.Credentials.Expiration!.Value.ToUniversalTime(), before.AddSeconds(3595), DateTime.UtcNow.AddSeconds(3605));
        var rootIdentity = await For(fixture.Host, root.Credentials).GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal($"arn:aws:iam::{Account}:root", rootIdentity.Arn);
    }

    [Fact]
    public async Task GetFederationToken_answers_the_federated_user_and_its_credentials_say_so()
    {
        var user = await TestUsers.CreateAsync(fixture.Host, "broker");
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
        var before = DateTime.UtcNow;

        var federated = await For(fixture.Host, user).GetFederationTokenAsync(new GetFederationTokenRequest { Name = "bob@example", Policy = policy });

        Assert.Equal($"{Account}:bob@example", federated.FederatedUser.FederatedUserId);
        Assert.Equal($"arn:aws:sts::{Account}:federated-user/bob@example", federated.FederatedUser.Arn);
        Assert.Equal((int)Math.Ceiling(policy.Length * 100.0 / 2048), PackedPolicySize(federated));
        Assert.InRange(federated.Credentials.Expiration!.Value.ToUniversalTime(), before.AddHours(12).AddSeconds(-5), DateTime.UtcNow.AddHours(12).AddSeconds(5));
        using var sts = For(fixture.Host, federated.Credentials);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(federated.FederatedUser.Arn, identity.Arn);
        Assert.Equal(federated.FederatedUser.FederatedUserId, identity.UserId);

        Assert.Equal("AccessDenied", (await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "again" }))).ErrorCode);
        var roleArn = await CreateRoleAsync(fixture, UniqueName("any"), Trust($"arn:aws:iam::{Account}:root"));
        Assert.Equal("AccessDenied", (await ErrorAsync(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "fed" }))).ErrorCode);
    }

    [Fact]
    public async Task GetFederationToken_refuses_bad_names_durations_and_policies()
    {
        var user = await TestUsers.CreateAsync(fixture.Host, "broker");
        using var sts = For(fixture.Host, user);

        var shortName = await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = OneCharacter }));
        Assert.Equal("ValidationError", shortName.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, shortName.StatusCode);
        Assert.Equal("ValidationError", (await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = new string('n', 33) }))).ErrorCode);
        Assert.Equal("ValidationError", (await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "bob", DurationSeconds = AboveUserMaximum }))).ErrorCode);
        Assert.Equal("MalformedPolicyDocument", (await ErrorAsync(() => sts.GetFederationTokenAsync(new GetFederationTokenRequest { Name = "bob", Policy = "{" }))).ErrorCode);

        var root = await Root(fixture.Host).GetFederationTokenAsync(new GetFederationTokenRequest { Name = "ops" });
        Assert.InRange(root.Credentials.Expiration!.Value.ToUniversalTime(), DateTime.UtcNow.AddSeconds(3590), DateTime.UtcNow.AddSeconds(3605));
        Assert.Null(PackedPolicySize(root));
    }
}
