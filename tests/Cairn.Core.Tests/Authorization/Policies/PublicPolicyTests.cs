using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>IsPublic: an Allow reaching everyone that no fixed-value condition narrows.</summary>
public sealed class PublicPolicyTests
{
    private static bool IsPublic(string effect, string principal, string? condition = null, string element = "Principal") =>
        Bucket($$"""
            {"Effect":"{{effect}}","{{element}}":{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"{{(condition is null ? "" : ",\"Condition\":" + condition)}}}
            """).IsPublic;

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("""{"AWS":"*"}""")]
    [InlineData("""{"AWS":["arn:aws:iam::000000000000:user/alice","*"]}""")]
    public void An_allow_to_everyone_is_public(string principal) => Assert.True(IsPublic("Allow", principal));

    [Fact]
    public void A_deny_to_everyone_is_not_public() => Assert.False(IsPublic("Deny", "\"*\""));

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:user/alice"}""")]
    [InlineData("""{"AWS":"000000000000"}""")]
    [InlineData("""{"CanonicalUser":"0123456789abcdef0123456789abcdef"}""")]
    public void An_allow_to_named_users_or_the_account_is_not_public(string principal) => Assert.False(IsPublic("Allow", principal));

    [Fact]
    public void NotPrincipal_allows_everyone_else_and_is_public() =>
        Assert.True(IsPublic("Allow", """{"AWS":"arn:aws:iam::000000000000:user/alice"}""", element: "NotPrincipal"));

    [Theory]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/48"]}}""")]
    [InlineData("""{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}""")]
    [InlineData("""{"StringEquals":{"aws:SourceAccount":"000000000000"}}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalAccount":"000000000000"}}""")]
    [InlineData("""{"StringEquals":{"aws:userid":"0123456789abcdef0123456789abcdef"}}""")]
    [InlineData("""{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::other"}}""")]
    [InlineData("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::000000000000:user/alice"}}""")]
    [InlineData("""{"StringEquals":{"s3:DataAccessPointArn":"arn:aws:s3:us-east-1:000000000000:accesspoint/ap"}}""")]
    [InlineData("""{"StringLike":{"aws:SourceVpc":"vpc-111"},"Bool":{"aws:SecureTransport":"true"}}""")]
    public void A_fixed_value_condition_on_a_narrowing_key_makes_it_not_public(string condition) =>
        Assert.False(IsPublic("Allow", "\"*\"", condition));

    [Theory]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"}}""")]
    [InlineData("""{"StringEquals":{"s3:prefix":"public/"}}""")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}""")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/7"}}""")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"2001::/16"}}""")]
    [InlineData("""{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""")]
    [InlineData("""{"StringLike":{"aws:SourceVpc":"vpc-*"}}""")]
    [InlineData("""{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-111"}}""")]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:SourceVpc":"vpc-111"}}""")]
    [InlineData("""{"StringNotEquals":{"aws:SourceAccount":"000000000000"}}""")]
    [InlineData("""{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}""")]
    [InlineData("""{"StringEquals":{"aws:userid":"${aws:userid}"}}""")]
    public void A_condition_that_does_not_fix_a_narrowing_key_leaves_it_public(string condition) =>
        Assert.True(IsPublic("Allow", "\"*\"", condition));

    [Fact]
    public void One_public_statement_among_private_ones_makes_the_policy_public()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Effect":"Allow","Principal":{"AWS":"000000000000"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/public/*"}]}
            """, PolicyKind.Bucket);

        Assert.True(policy.IsPublic);
    }
}
