using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>Actions, resources and their wildcards, the Not forms, and Deny winning over Allow.</summary>
public sealed class EvaluationTests
{
    [Theory]
    [InlineData("s3:GetObject", "s3:GetObject", true)]
    [InlineData("s3:getobject", "s3:GetObject", true)]
    [InlineData("S3:GET*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("s3:*", "s3:ListBucket", true)]
    [InlineData("s3:*", "iam:CreateUser", false)]
    [InlineData("*", "iam:CreateUser", true)]
    [InlineData("s3:?etObject", "s3:GetObject", true)]
    [InlineData("s3:?etObject", "s3:GGetObject", false)]
    [InlineData("s3:*Object*", "s3:GetObjectAttributes", true)]
    public void Actions_match_with_wildcards_ignoring_case(string pattern, string action, bool matches)
    {
        var policy = User($$"""{"Effect":"Allow","Action":"{{pattern}}","Resource":"*"}""");

        Assert.Equal(matches ? PolicyVerdict.Allow : PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: action)));
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b/k", true)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b", false)]
    [InlineData("arn:aws:s3:::b", "arn:aws:s3:::b", true)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::B/k", false)]
    [InlineData("arn:aws:s3:::b/Photos/*", "arn:aws:s3:::b/photos/x", false)]
    [InlineData("arn:aws:s3:::b/a?c", "arn:aws:s3:::b/abc", true)]
    [InlineData("arn:aws:s3:::b/a?c", "arn:aws:s3:::b/ac", false)]
    [InlineData("arn:aws:s3:::b/*/x.txt", "arn:aws:s3:::b/d1/d2/x.txt", true)]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::any/thing", true)]
    [InlineData("*", "arn:aws:s3:::any", true)]
    public void Resources_match_with_wildcards_case_sensitively(string pattern, string resource, bool matches)
    {
        var policy = User($$"""{"Effect":"Allow","Action":"s3:*","Resource":"{{pattern}}"}""");

        Assert.Equal(matches ? PolicyVerdict.Allow : PolicyVerdict.NotApplicable, policy.Evaluate(Request(resource: resource)));
    }

    [Fact]
    public void Deny_wins_over_allow_whatever_the_order()
    {
        foreach (var statements in new[] { "{0},{1}", "{1},{0}" })
        {
            var allow = """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""";
            var deny = """{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}""";
            var policy = PolicyDocument.Parse(
                "{\"Statement\":[" + string.Format(System.Globalization.CultureInfo.InvariantCulture, statements, allow, deny) + "]}", PolicyKind.User);

            Assert.Equal(PolicyVerdict.Deny, policy.Evaluate(Request(action: "s3:DeleteObject")));
            Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "s3:GetObject")));
        }
    }

    [Fact]
    public void No_applicable_statement_is_not_applicable()
    {
        var policy = User("""{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}""");

        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:GetObject")));
    }

    [Fact]
    public void NotAction_applies_to_every_other_action()
    {
        var policy = User("""{"Effect":"Deny","NotAction":["s3:GetObject","s3:List*"],"Resource":"*"}""");

        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:GetObject")));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:ListBucket")));
        Assert.Equal(PolicyVerdict.Deny, policy.Evaluate(Request(action: "s3:PutObject")));
    }

    [Fact]
    public void NotResource_applies_to_every_other_resource()
    {
        var policy = User("""{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}""");

        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(resource: "arn:aws:s3:::b/k")));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(resource: "arn:aws:s3:::b")));
        Assert.Equal(PolicyVerdict.Deny, policy.Evaluate(Request(resource: "arn:aws:s3:::other/k")));
    }

    [Fact]
    public void Several_actions_and_resources_are_alternatives()
    {
        var policy = User("""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "s3:PutObject", resource: "arn:aws:s3:::b/x")));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:DeleteObject", resource: "arn:aws:s3:::b/x")));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:PutObject", resource: "arn:aws:s3:::c/x")));
    }

    [Fact]
    public void A_statement_applies_only_when_its_conditions_hold()
    {
        var policy = WithCondition("""{"StringEquals":{"s3:prefix":"home/"}}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(With("s3:prefix", "home/")));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(With("s3:prefix", "other/")));
    }
}
