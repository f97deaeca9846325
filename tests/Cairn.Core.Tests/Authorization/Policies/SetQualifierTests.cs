using Cairn.Core.Authorization.Policies;
using static Cairn.Core.Tests.Authorization.Policies.Policies;

namespace Cairn.Core.Tests.Authorization.Policies;

/// <summary>ForAnyValue: and ForAllValues: over keys with several values, and over a missing key.</summary>
public sealed class SetQualifierTests
{
    private static bool Holds(string op, string[] policyValues, params string[]? requestValues)
    {
        var list = string.Join(',', policyValues.Select(v => $"\"{v}\""));
        var policy = WithCondition($$$"""{"{{{op}}}":{"s3:x":[{{{list}}}]}}""");
        var request = requestValues is null ? Request() : With("s3:x", requestValues);
        return policy.Evaluate(request) == PolicyVerdict.Allow;
    }

    [Theory]
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "c", "b" }, true)]
    [InlineData("ForAnyValue:StringEquals", new[] { "a", "b" }, new[] { "c", "d" }, false)]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a", "b" }, true)]
    [InlineData("ForAllValues:StringEquals", new[] { "a", "b" }, new[] { "a", "c" }, false)]
    [InlineData("ForAnyValue:StringNotEquals", new[] { "a" }, new[] { "a", "c" }, true)]
    [InlineData("ForAnyValue:StringNotEquals", new[] { "a" }, new[] { "a", "a" }, false)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "b", "c" }, true)]
    [InlineData("ForAllValues:StringNotEquals", new[] { "a" }, new[] { "b", "a" }, false)]
    [InlineData("ForAllValues:StringLike", new[] { "tag-*" }, new[] { "tag-1", "tag-2" }, true)]
    [InlineData("ForAnyValue:StringLikeIfExists", new[] { "tag-*" }, new[] { "x", "tag-2" }, true)]
    [InlineData("ForAllValues:NumericLessThan", new[] { "10" }, new[] { "1", "9" }, true)]
    [InlineData("ForAnyValue:NumericGreaterThan", new[] { "10" }, new[] { "1", "9" }, false)]
    [InlineData("ForAnyValue:IpAddress", new[] { "10.0.0.0/8" }, new[] { "192.0.2.1", "10.1.1.1" }, true)]
    [InlineData("ForAllValues:ArnLike", new[] { "arn:aws:s3:::b/*" }, new[] { "arn:aws:s3:::b/1", "arn:aws:s3:::c/1" }, false)]
    public void Qualifiers_over_several_values(string op, string[] policyValues, string[] requestValues, bool holds) =>
        Assert.Equal(holds, Holds(op, policyValues, requestValues));

    [Fact]
    public void Without_a_qualifier_a_positive_operator_asks_for_any_value()
    {
        Assert.True(Holds("StringEquals", ["a"], "c", "a"));
        Assert.False(Holds("StringNotEquals", ["a"], "c", "a"));
    }

    [Theory]
    [InlineData("ForAllValues:StringEquals", true)]
    [InlineData("ForAllValues:StringNotEquals", true)]
    [InlineData("ForAnyValue:StringEquals", false)]
    [InlineData("ForAnyValue:StringNotEquals", false)]
    [InlineData("ForAnyValue:StringEqualsIfExists", true)]
    public void A_missing_key(string op, bool holds) => Assert.Equal(holds, Holds(op, ["a"], null));
}
