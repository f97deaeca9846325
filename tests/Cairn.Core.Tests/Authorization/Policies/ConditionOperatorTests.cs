using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>Every condition operator against present values, with its IfExists form and a missing key.</summary>
public sealed class ConditionOperatorTests
{
    /// <summary>Does <paramref name="op"/> with policy value <paramref name="policyValue"/> hold for the request value?</summary>
    private static bool Holds(string op, string key, string policyValue, params string[] requestValues)
    {
        var policy = WithCondition($$$"""{"{{{op}}}":{"{{{key}}}":"{{{policyValue}}}"}}""");
        var request = requestValues.Length == 0 ? Request() : With(key, requestValues);
        return policy.Evaluate(request) == PolicyVerdict.Allow;
    }

    [Theory]
    [InlineData("StringEquals", "abc", "abc", true)]
    [InlineData("StringEquals", "abc", "ABC", false)]
    [InlineData("StringEquals", "a*", "abc", false)]
    [InlineData("StringEquals", "a*", "a*", true)]
    [InlineData("StringNotEquals", "abc", "abc", false)]
    [InlineData("StringNotEquals", "abc", "abd", true)]
    [InlineData("StringEqualsIgnoreCase", "abc", "ABC", true)]
    [InlineData("StringEqualsIgnoreCase", "abc", "ABD", false)]
    [InlineData("StringNotEqualsIgnoreCase", "abc", "ABC", false)]
    [InlineData("StringNotEqualsIgnoreCase", "abc", "xyz", true)]
    [InlineData("StringLike", "home/*", "home/alice/x", true)]
    [InlineData("StringLike", "home/?", "home/a", true)]
    [InlineData("StringLike", "home/?", "home/ab", false)]
    [InlineData("StringLike", "Home/*", "home/a", false)]
    [InlineData("StringNotLike", "home/*", "home/a", false)]
    [InlineData("StringNotLike", "home/*", "work/a", true)]
    public void String_operators(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "s3:prefix", policyValue, requestValue));

    [Theory]
    [InlineData("NumericEquals", "10", "10", true)]
    [InlineData("NumericEquals", "10", "10.0", true)]
    [InlineData("NumericEquals", "10", "11", false)]
    [InlineData("NumericNotEquals", "10", "11", true)]
    [InlineData("NumericNotEquals", "10", "10", false)]
    [InlineData("NumericLessThan", "10", "9", true)]
    [InlineData("NumericLessThan", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "10", "10", true)]
    [InlineData("NumericLessThanEquals", "10", "11", false)]
    [InlineData("NumericGreaterThan", "10", "11", true)]
    [InlineData("NumericGreaterThan", "10", "10", false)]
    [InlineData("NumericGreaterThanEquals", "10", "10", true)]
    [InlineData("NumericGreaterThanEquals", "10", "9", false)]
    [InlineData("NumericLessThan", "10", "not-a-number", false)]
    [InlineData("NumericLessThan", "-1.5", "-2", true)]
    public void Numeric_operators(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "s3:max-keys", policyValue, requestValue));

    [Theory]
    [InlineData("DateEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "2026-01-01T00:00:00Z", "1767225600", true)]
    [InlineData("DateEquals", "1767225600", "2026-01-01T01:00:00+01:00", true)]
    [InlineData("DateNotEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true)]
    [InlineData("DateNotEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "2026-01-01", "2025-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "2026-01-01", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", true)]
    [InlineData("DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "2026-01-01T00:00:00Z", "garbage", false)]
    public void Date_operators(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "aws:CurrentTime", policyValue, requestValue));

    [Theory]
    [InlineData("Bool", "true", "true", true)]
    [InlineData("Bool", "TRUE", "true", true)]
    [InlineData("Bool", "true", "false", false)]
    [InlineData("Bool", "false", "false", true)]
    public void Bool_operator(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "aws:SecureTransport", policyValue, requestValue));

    [Theory]
    [InlineData("QmluYXJ5", "QmluYXJ5", true)]
    [InlineData("QmluYXJ5", "QmluYXJ6", false)]
    [InlineData("QmluYXJ5", "%%%", false)]
    public void BinaryEquals_compares_decoded_bytes(string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds("BinaryEquals", "aws:userid", policyValue, requestValue));

    [Theory]
    [InlineData("IpAddress", "203.0.113.0/24", "203.0.113.7", true)]
    [InlineData("IpAddress", "203.0.113.0/24", "203.0.114.7", false)]
    [InlineData("IpAddress", "203.0.113.0/25", "203.0.113.200", false)]
    [InlineData("IpAddress", "203.0.113.7", "203.0.113.7", true)]
    [InlineData("IpAddress", "203.0.113.7", "203.0.113.8", false)]
    [InlineData("IpAddress", "0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("IpAddress", "203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("IpAddress", "2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("IpAddress", "2001:db8::/32", "2001:db9::5", false)]
    [InlineData("IpAddress", "2001:db8::/32", "203.0.113.7", false)]
    [InlineData("IpAddress", "203.0.113.0/24", "not-an-ip", false)]
    [InlineData("NotIpAddress", "203.0.113.0/24", "203.0.113.7", false)]
    [InlineData("NotIpAddress", "203.0.113.0/24", "198.51.100.1", true)]
    public void Ip_operators(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "aws:SourceIp", policyValue, requestValue));

    [Theory]
    [InlineData("ArnEquals", "arn:aws:iam::000000000000:user/alice", "arn:aws:iam::000000000000:user/alice", true)]
    [InlineData("ArnEquals", "arn:aws:iam::000000000000:user/alice", "arn:aws:iam::000000000000:user/bob", false)]
    [InlineData("ArnLike", "arn:aws:iam::*:user/*", "arn:aws:iam::000000000000:user/bob", true)]
    [InlineData("ArnLike", "arn:aws:iam::*:user/*", "arn:aws:iam::000000000000:root", false)]
    [InlineData("ArnLike", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x:y", true)]
    [InlineData("ArnLike", "arn:*:user/alice", "arn:aws:iam::000000000000:user/alice", false)]
    [InlineData("ArnLike", "arn:aws:iam::*:user/*", "not-an-arn", false)]
    [InlineData("ArnLike", "arn:aws:iam::*:User/*", "arn:aws:iam::000000000000:user/bob", false)]
    [InlineData("ArnNotEquals", "arn:aws:iam::000000000000:user/alice", "arn:aws:iam::000000000000:user/bob", true)]
    [InlineData("ArnNotLike", "arn:aws:iam::*:user/*", "arn:aws:iam::000000000000:user/bob", false)]
    [InlineData("ArnNotLike", "arn:aws:iam::*:user/*", "arn:aws:iam::000000000000:root", true)]
    public void Arn_operators(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "aws:PrincipalArn", policyValue, requestValue));

    [Theory]
    // A key the request lacks: positive operators fail, negated ones hold (as AWS documents).
    [InlineData("StringEquals", false)]
    [InlineData("StringNotEquals", true)]
    [InlineData("StringEqualsIgnoreCase", false)]
    [InlineData("StringNotEqualsIgnoreCase", true)]
    [InlineData("StringLike", false)]
    [InlineData("StringNotLike", true)]
    [InlineData("NumericEquals", false)]
    [InlineData("NumericNotEquals", true)]
    [InlineData("NumericLessThan", false)]
    [InlineData("DateEquals", false)]
    [InlineData("DateNotEquals", true)]
    [InlineData("DateGreaterThan", false)]
    [InlineData("Bool", false)]
    [InlineData("BinaryEquals", false)]
    [InlineData("IpAddress", false)]
    [InlineData("NotIpAddress", true)]
    [InlineData("ArnEquals", false)]
    [InlineData("ArnLike", false)]
    [InlineData("ArnNotEquals", true)]
    [InlineData("ArnNotLike", true)]
    public void A_missing_key(string op, bool holds)
    {
        Assert.Equal(holds, Holds(op, "s3:signatureversion", ValueFor(op)));
        Assert.True(Holds(op + "IfExists", "s3:signatureversion", ValueFor(op)), $"{op}IfExists holds for a missing key");
    }

    [Theory]
    [InlineData("StringEqualsIfExists", "abc", "abc", true)]
    [InlineData("StringEqualsIfExists", "abc", "abd", false)]
    [InlineData("StringNotLikeIfExists", "a*", "abc", false)]
    [InlineData("NumericLessThanIfExists", "5", "6", false)]
    [InlineData("NumericLessThanIfExists", "5", "4", true)]
    [InlineData("DateLessThanIfExists", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", false)]
    [InlineData("BoolIfExists", "true", "false", false)]
    [InlineData("BinaryEqualsIfExists", "QmluYXJ5", "QmluYXJ5", true)]
    [InlineData("IpAddressIfExists", "10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("NotIpAddressIfExists", "10.0.0.0/8", "11.0.0.1", true)]
    [InlineData("ArnLikeIfExists", "arn:aws:s3:::b", "arn:aws:s3:::c", false)]
    public void IfExists_compares_a_present_key_as_usual(string op, string policyValue, string requestValue, bool holds) =>
        Assert.Equal(holds, Holds(op, "s3:x", policyValue, requestValue));

    [Theory]
    [InlineData("true", false, true)]
    [InlineData("true", true, false)]
    [InlineData("false", true, true)]
    [InlineData("false", false, false)]
    public void Null_tests_whether_the_key_is_absent(string policyValue, bool present, bool holds) =>
        Assert.Equal(holds, present ? Holds("Null", "s3:prefix", policyValue, "x") : Holds("Null", "s3:prefix", policyValue));

    [Fact]
    public void Condition_keys_and_operators_are_matched_ignoring_case()
    {
        var policy = WithCondition("""{"stringequals":{"AWS:SOURCEIP":"1.2.3.4"}}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(With("aws:SourceIp", "1.2.3.4")));
    }

    [Fact]
    public void Keys_are_ANDed_and_values_of_one_key_ORed()
    {
        var policy = WithCondition("""
            {"StringEquals":{"s3:prefix":["a/","b/"],"s3:delimiter":"/"},"NumericLessThanEquals":{"s3:max-keys":"100"}}
            """);

        PolicyVerdict Verdict(string prefix, string delimiter, string maxKeys) =>
            policy.Evaluate(Request(conditions: [("s3:prefix", [prefix]), ("s3:delimiter", [delimiter]), ("s3:max-keys", [maxKeys])]));

        Assert.Equal(PolicyVerdict.Allow, Verdict("a/", "/", "10"));
        Assert.Equal(PolicyVerdict.Allow, Verdict("b/", "/", "100"));
        Assert.Equal(PolicyVerdict.NotApplicable, Verdict("c/", "/", "10"));
        Assert.Equal(PolicyVerdict.NotApplicable, Verdict("a/", "-", "10"));
        Assert.Equal(PolicyVerdict.NotApplicable, Verdict("a/", "/", "1000"));
    }

    [Fact]
    public void A_negated_operator_holds_only_when_no_value_matches()
    {
        var policy = WithCondition("""{"StringNotEquals":{"s3:prefix":["a/","b/"]}}""");

        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(With("s3:prefix", "b/")));
        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(With("s3:prefix", "c/")));
    }

    [Fact]
    public void Condition_keys_of_the_caller_need_not_be_in_the_request()
    {
        var policy = WithCondition($$$"""{"StringEquals":{"aws:username":"{{{Alice}}}","aws:userid":"{{{AliceId}}}"}}""");

        Assert.Equal(PolicyVerdict.Allow, policy.Evaluate(Request(caller: AliceCaller)));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(caller: BobCaller)));
        Assert.Equal(PolicyVerdict.NotApplicable, policy.Evaluate(Request(caller: Cairn.Core.Authorization.Policies.PolicyCaller.Anonymous)));
    }

    private static string ValueFor(string op) => op switch
    {
        _ when op.StartsWith("Numeric", StringComparison.Ordinal) => "1",
        _ when op.StartsWith("Date", StringComparison.Ordinal) => "2026-01-01T00:00:00Z",
        "Bool" => "true",
        "BinaryEquals" => "QmluYXJ5",
        _ when op.Contains("IpAddress", StringComparison.Ordinal) => "10.0.0.0/8",
        _ when op.StartsWith("Arn", StringComparison.Ordinal) => "arn:aws:s3:::b",
        _ => "x",
    };
}
