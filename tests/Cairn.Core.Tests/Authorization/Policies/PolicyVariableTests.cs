using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>Policy variables in Resource and condition values, only in 2012-10-17 documents.</summary>
public sealed class PolicyVariableTests
{
    private const string HomeStatement = """{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::inbox/uploads/${aws:username}/*"}""";

    [Fact]
    public void Username_in_a_resource_is_the_callers_name()
    {
        var policy = User(HomeStatement);

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/alice/f"), caller: AliceCaller)));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/bob/f"), caller: AliceCaller)));
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/bob/f"), caller: BobCaller)));
    }

    [Fact]
    public void A_variable_the_request_lacks_leaves_the_statement_out()
    {
        var allow = User(HomeStatement);
        var deny = User("""{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::b/${s3:prefix}*"}""");

        Assert.Equal(PolicyVerdict.NotApplicable, allow.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/x/f"), caller: PolicyCaller.Anonymous)));
        Assert.Equal(PolicyVerdict.NotApplicable, deny.Evaluate(Request(resource: ObjectArn("other", "k"))));
        Assert.Equal(PolicyVerdict.Deny, deny.Evaluate(Request(resource: ObjectArn("other", "k"), conditions: [("s3:prefix", ["p/"])])));
    }

    [Fact]
    public void Version_2008_takes_variables_literally()
    {
        var policy = User(HomeStatement, version: "2008-10-17");

        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/alice/f"))));
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "s3:PutObject", resource: ObjectArn("inbox", "uploads/${aws:username}/f"))));
    }

    [Fact]
    public void Escapes_stand_for_literal_wildcards_and_dollars()
    {
        var policy = User("""{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${*}${?}${$}"}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(resource: ObjectArn("b", "*?$"))));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(resource: ObjectArn("b", "xy$"))));
    }

    [Fact]
    public void A_substituted_value_is_literal_even_with_wildcard_characters()
    {
        var policy = User("""{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${s3:prefix}"}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(resource: ObjectArn("b", "a*"), conditions: [("s3:prefix", ["a*"])])));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(resource: ObjectArn("b", "abc"), conditions: [("s3:prefix", ["a*"])])));
    }

    [Fact]
    public void A_variable_may_name_a_default()
    {
        var policy = User("""{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${s3:prefix, 'public'}/*"}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(resource: ObjectArn("b", "public/x"))));
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(resource: ObjectArn("b", "p/x"), conditions: [("s3:prefix", ["p"])])));
    }

    [Theory]
    [InlineData("StringLike", "home/${aws:username}/*", "home/alice/x", true)]
    [InlineData("StringLike", "home/${aws:username}/*", "home/bob/x", false)]
    [InlineData("StringEquals", "${aws:username}", "alice", true)]
    [InlineData("ArnEquals", "arn:aws:iam::000000000000:user/${aws:username}", "arn:aws:iam::000000000000:user/alice", true)]
    [InlineData("StringNotEquals", "${aws:SourceIp}", "anything", false)]
    public void Variables_in_condition_values(string op, string policyValue, string requestValue, bool holds)
    {
        var policy = WithCondition($$$"""{"{{{op}}}":{"s3:prefix":"{{{policyValue}}}"}}""");

        Assert.Equal(holds, policy.Evaluate(With("s3:prefix", requestValue)) == PolicyVerdict.Allow);
    }
}
