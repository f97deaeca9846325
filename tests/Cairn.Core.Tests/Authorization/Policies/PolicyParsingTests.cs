using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>What the parser accepts and, for everything it refuses, that the message names what is wrong.</summary>
public sealed class PolicyParsingTests
{
    private const string Allow = """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""";

    [Fact]
    public void A_valid_bucket_policy_keeps_its_text_version_and_id()
    {
        var text = $$"""{"Version":"2012-10-17","Id":"P1","Statement":[{{Allow}}]}""";

        var policy = PolicyDocument.Parse(text, PolicyKind.Bucket);

        Assert.Equal(text, policy.Text);
        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal("P1", policy.Id);
        Assert.Equal(["arn:aws:s3:::b/*"], policy.Resources);
    }

    [Fact]
    public void Statement_may_be_a_single_object_and_version_may_be_absent()
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":{{Allow}}}""", PolicyKind.Bucket);

        Assert.Equal("2008-10-17", policy.Version);
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(resource: "arn:aws:s3:::b/x")));
    }

    [Theory]
    [InlineData("not json", "valid JSON")]
    [InlineData("[1]", "first byte must be '{'")]
    [InlineData("""{"Version":"2012-10-17"}""", "Missing required field Statement")]
    [InlineData("""{"Version":"2011-01-01","Statement":[]}""", "Invalid policy Version \"2011-01-01\"")]
    [InlineData("""{"Statement":[]}""", "non-empty array")]
    [InlineData("""{"Statement":[1]}""", "statement 1 must be an object")]
    [InlineData("""{"Colour":"red","Statement":[]}""", "Unknown field \"Colour\" in the policy")]
    [InlineData("""{"Id":1,"Statement":[]}""", "Id must be a string")]
    public void Malformed_documents_are_refused_naming_the_problem(string text, string expected)
    {
        var e = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse(text, PolicyKind.Bucket));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Sid":"S","Principal":"*","Action":"s3:*","Resource":"*"}""", "Missing required field Effect in statement 1 (Sid \"S\")")]
    [InlineData("""{"Effect":"Permit","Principal":"*","Action":"s3:*","Resource":"*"}""", "Invalid effect \"Permit\" in statement 1")]
    [InlineData("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", "Missing required field Principal in statement 1")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Resource":"*"}""", "Missing required field Action (or NotAction)")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*"}""", "Missing required field Resource (or NotResource)")]
    [InlineData("""{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"s3:*","Resource":"*"}""", "both Principal and NotPrincipal")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","NotAction":"s3:*","Resource":"*"}""", "both Action and NotAction")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","NotResource":"*"}""", "both Resource and NotResource")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Extra":1}""", "Unknown field \"Extra\" in statement 1")]
    [InlineData("""{"Effect":"Allow","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}""", "\"Effect\" is given twice")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"ec2:RunInstances","Resource":"*"}""", "Policy has invalid action: Action of statement 1 names \"ec2:RunInstances\"")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"iam:CreateUser","Resource":"*"}""", "Policy has invalid action")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"GetObject","Resource":"*"}""", "Policy has invalid action")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":[],"Resource":"*"}""", "Action of statement 1 must be a string or a non-empty array")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":[3],"Resource":"*"}""", "must hold strings")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"bucket/key"}""", "Policy has invalid resource: Resource of statement 1 names \"bucket/key\"")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:*","NotResource":"arn:aws:ec2:::x"}""", "Policy has invalid resource: NotResource")]
    public void Malformed_statements_are_refused_naming_the_statement_and_element(string statement, string expected)
    {
        var e = Assert.Throws<MalformedPolicyException>(() =>
            PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Bucket));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sids_must_be_unique()
    {
        var e = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse($$"""
            {"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},
                          {"Sid":"A","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}
            """, PolicyKind.Bucket));
        Assert.Contains("\"A\" is used twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_statement_is_named_by_its_position()
    {
        var e = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse($$"""
            {"Statement":[{{Allow}}, {"Effect":"Allow","Principal":"*","Action":"s3:*"}]}
            """, PolicyKind.Bucket));
        Assert.Contains("statement 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_policy_refuses_a_principal_and_accepts_iam_actions()
    {
        var e = Assert.Throws<MalformedPolicyException>(() => User("""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}"""));
        Assert.Contains("must not name a Principal", e.Message, StringComparison.Ordinal);

        var policy = User("""{"Effect":"Allow","Action":"iam:*","Resource":"*"}""");
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(action: "iam:CreateUser", resource: "arn:aws:iam::000000000000:user/x")));
    }

    [Fact]
    public void A_bucket_policy_over_20_KB_is_refused_as_too_large()
    {
        var padding = new string(' ', PolicyLimits.MaxBucketPolicyBytes);
        var e = Assert.Throws<MalformedPolicyException>(() =>
            PolicyDocument.Parse($$"""{"Statement":[{{Allow}}]}{{padding}}""", PolicyKind.Bucket));
        Assert.Contains("exceeds the maximum allowed document size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_policy_of_exactly_20_KB_is_accepted()
    {
        var text = $$"""{"Statement":[{{Allow}}]}""";
        text += new string(' ', PolicyLimits.MaxBucketPolicyBytes - text.Length);

        Assert.Equal(PolicyLimits.MaxBucketPolicyBytes, PolicyDocument.Parse(text, PolicyKind.Bucket).Text.Length);
    }

    [Fact]
    public void A_user_policy_is_limited_to_10_KB()
    {
        var statement = """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""";
        var padding = new string(' ', PolicyLimits.MaxUserPolicyBytes);

        Assert.Throws<MalformedPolicyException>(() =>
            PolicyDocument.Parse($$"""{"Statement":{{statement}}}{{padding}}""", PolicyKind.User));
    }

    [Theory]
    [InlineData("FancyEquals", "Invalid Condition operator \"FancyEquals\" in statement 1")]
    [InlineData("NullIfExists", "Invalid Condition operator \"NullIfExists\"")]
    [InlineData("ForSomeValues:StringEquals", "Invalid Condition operator \"ForSomeValues:StringEquals\"")]
    public void Unknown_condition_operators_are_named(string op, string expected)
    {
        var e = Assert.Throws<MalformedPolicyException>(() => WithCondition($$$"""{"{{{op}}}":{"aws:username":"x"}}"""));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"NumericLessThan":{"s3:max-keys":"ten"}}""", "Invalid value \"ten\" for Condition operator NumericLessThan")]
    [InlineData("""{"DateGreaterThan":{"aws:CurrentTime":"yesterday"}}""", "Invalid value \"yesterday\" for Condition operator DateGreaterThan")]
    [InlineData("""{"Bool":{"aws:SecureTransport":"yes"}}""", "Invalid value \"yes\" for Condition operator Bool")]
    [InlineData("""{"Null":{"s3:prefix":"maybe"}}""", "Invalid value \"maybe\" for Condition operator Null")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}""", "Invalid value \"10.0.0.0/33\" for Condition operator IpAddress")]
    [InlineData("""{"IpAddress":{"aws:SourceIp":"not-an-ip"}}""", "an IP address or CIDR range")]
    [InlineData("""{"BinaryEquals":{"aws:userid":"!!"}}""", "expected base64")]
    [InlineData("""{"StringEquals":{"username":"x"}}""", "Policy has an invalid condition key: \"username\"")]
    [InlineData("""{"StringEquals":{"ec2:Region":"x"}}""", "invalid condition key")]
    [InlineData("""{"StringEquals":{"aws:username":[]}}""", "has no value")]
    [InlineData("""{"StringEquals":{"aws:username":{"a":1}}}""", "must hold strings, numbers or booleans")]
    [InlineData("""{"StringEquals":"x"}""", "must map condition keys to values")]
    [InlineData("""[1]""", "must be an object of operators")]
    public void Malformed_conditions_are_refused_naming_operator_and_value(string condition, string expected)
    {
        var e = Assert.Throws<MalformedPolicyException>(() => WithCondition(condition));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_values_may_be_json_numbers_and_booleans()
    {
        var policy = WithCondition("""{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(conditions: [("s3:max-keys", ["5"]), ("aws:SecureTransport", ["true"])])));
    }
}
