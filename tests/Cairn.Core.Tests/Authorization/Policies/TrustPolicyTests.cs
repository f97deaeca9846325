using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>A role's trust policy: who may assume it, on STS's actions, with no Resource of its own.</summary>
public sealed class TrustPolicyTests
{
    private static PolicyDocument Trust(string statement) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Trust);

    [Fact]
    public void A_trust_policy_allows_the_named_user_to_assume_the_role_and_no_one_else()
    {
        var trust = Trust($$"""{"Effect":"Allow","Principal":{"AWS":"{{Arns.User(Alice)}}"},"Action":"sts:AssumeRole"}""");

        Assert.Equal(PolicyVerdict.Allow, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("uploader"), AliceCaller)));
        Assert.Equal(PolicyVerdict.NotApplicable, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("uploader"), BobCaller)));
        Assert.Equal(PolicyVerdict.NotApplicable, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("uploader"), PolicyCaller.Anonymous)));
    }

    [Fact]
    public void External_id_conditions_are_evaluated()
    {
        var trust = Trust("""
            {"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"sts:AssumeRole",
             "Condition":{"StringEquals":{"sts:ExternalId":"tenant-7"}}}
            """);

        Assert.Equal(PolicyVerdict.Allow, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("r"), AliceCaller, ("sts:ExternalId", ["tenant-7"]))));
        Assert.Equal(PolicyVerdict.NotApplicable, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("r"), AliceCaller, ("sts:ExternalId", ["other"]))));
        Assert.Equal(PolicyVerdict.NotApplicable, trust.Evaluate(Request("sts:AssumeRole", Arns.Role("r"), AliceCaller)));
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"sts:AssumeRole"}""", "Principal")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}""", "prohibited field Resource")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","NotResource":"*"}""", "prohibited field Resource")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""", "invalid action")]
    public void Trust_policies_that_break_the_grammar_are_refused(string statement, string named)
    {
        var e = Assert.Throws<MalformedPolicyException>(() => Trust(statement));

        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void User_policies_may_grant_sts_actions()
    {
        var policy = User("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::000000000000:role/*"}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request("sts:AssumeRole", Arns.Role("uploader"), AliceCaller)));
    }
}
