using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>Principal and NotPrincipal: who a bucket policy statement reaches.</summary>
public sealed class PrincipalTests
{
    private static PolicyDocument AllowTo(string principal, string element = "Principal") =>
        Bucket($$"""{"Effect":"Allow","{{element}}":{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""");

    private static PolicyVerdict For(PolicyDocument policy, PolicyCaller caller) => policy.Evaluate(Request(caller: caller));

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("""{"AWS":"*"}""")]
    [InlineData("""{"AWS":["*"]}""")]
    public void Star_reaches_everyone_anonymous_included(string principal)
    {
        var policy = AllowTo(principal);

        Assert.Equal(PolicyVerdict.Allow, For(policy, AliceCaller));
        Assert.Equal(PolicyVerdict.Allow, For(policy, PolicyCaller.Anonymous));
        Assert.Empty(policy.Principals);
    }

    [Fact]
    public void A_user_arn_reaches_that_user_only()
    {
        var policy = AllowTo($$"""{"AWS":"{{Arns.User(Alice)}}"}""");

        Assert.Equal(PolicyVerdict.Allow, For(policy, AliceCaller));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, BobCaller));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, PolicyCaller.Anonymous));
        Assert.Equal([new PolicyPrincipal(PolicyPrincipalKind.User, Alice, Arns.AccountId)], policy.Principals);
    }

    [Fact]
    public void A_user_arn_of_another_account_reaches_nobody()
    {
        var policy = AllowTo("""{"AWS":"arn:aws:iam::111122223333:user/alice"}""");

        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, AliceCaller));
        Assert.Equal("111122223333", Assert.Single(policy.Principals).Account);
    }

    [Fact]
    public void A_canonical_user_id_reaches_that_user()
    {
        var policy = AllowTo($$"""{"CanonicalUser":"{{AliceId}}"}""");

        Assert.Equal(PolicyVerdict.Allow, For(policy, AliceCaller));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, BobCaller));
        Assert.Equal(PolicyPrincipalKind.CanonicalUser, Assert.Single(policy.Principals).Kind);
    }

    [Theory]
    [InlineData(Arns.AccountId)]
    [InlineData("arn:aws:iam::" + Arns.AccountId + ":root")]
    public void The_account_reaches_every_user_but_not_anonymous(string account)
    {
        var policy = AllowTo($$"""{"AWS":"{{account}}"}""");

        Assert.Equal(PolicyVerdict.Allow, For(policy, AliceCaller));
        Assert.Equal(PolicyVerdict.Allow, For(policy, BobCaller));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, PolicyCaller.Anonymous));
        Assert.Equal(new PolicyPrincipal(PolicyPrincipalKind.Account, Arns.AccountId, Arns.AccountId), Assert.Single(policy.Principals));
    }

    [Fact]
    public void NotPrincipal_reaches_everyone_else_anonymous_included()
    {
        var policy = AllowTo($$"""{"AWS":["{{Arns.User(Alice)}}"]}""", "NotPrincipal");

        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, AliceCaller));
        Assert.Equal(PolicyVerdict.Allow, For(policy, BobCaller));
        Assert.Equal(PolicyVerdict.Allow, For(policy, PolicyCaller.Anonymous));
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:user/*"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::*:root"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:user/al?ce"}""")]
    [InlineData("""{"AWS":"alice"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:group/admin"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:role/"}""")]
    [InlineData("""{"AWS":"arn:aws:sts::000000000000:assumed-role/admin"}""")]
    [InlineData("""{"AWS":"arn:aws:sts::000000000000:assumed-role/admin/s/extra"}""")]
    [InlineData("""{"Service":"s3.amazonaws.com"}""")]
    [InlineData("""{"CanonicalUser":"not hex!"}""")]
    [InlineData("\"alice\"")]
    [InlineData("{}")]
    [InlineData("3")]
    public void Invalid_principals_are_refused(string principal)
    {
        var e = Assert.Throws<MalformedPolicyException>(() => AllowTo(principal));
        Assert.StartsWith("Invalid principal in policy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_arn_reaches_every_session_of_that_role_and_no_user()
    {
        var policy = AllowTo("""{"AWS":"arn:aws:iam::000000000000:role/Uploader"}""");

        Assert.Equal(PolicyVerdict.Allow, For(policy, RoleSession("uploader", "s1")));
        Assert.Equal(PolicyVerdict.Allow, For(policy, RoleSession("uploader", "s2")));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, RoleSession("reader", "s1")));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, AliceCaller));
        Assert.Equal([new PolicyPrincipal(PolicyPrincipalKind.Role, "Uploader", Arns.AccountId)], policy.Principals);
    }

    [Fact]
    public void A_session_arn_reaches_that_session_only()
    {
        var policy = AllowTo($$"""{"AWS":"{{Arns.AssumedRole("uploader", "s1")}}"}""");

        Assert.Equal(PolicyVerdict.Allow, For(policy, RoleSession("uploader", "s1")));
        Assert.Equal(PolicyVerdict.NotApplicable, For(policy, RoleSession("uploader", "s2")));
    }

    [Fact]
    public void The_account_reaches_role_sessions_too()
    {
        Assert.Equal(PolicyVerdict.Allow, For(AllowTo("""{"AWS":"000000000000"}"""), RoleSession("uploader", "s1")));
    }

    private static PolicyCaller RoleSession(string role, string session) =>
        new("AROAEXAMPLE:" + session, null) { RoleName = role, SessionArn = Arns.AssumedRole(role, session) };
}
