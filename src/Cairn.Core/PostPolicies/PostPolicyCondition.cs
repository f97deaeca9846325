using System.Globalization;

namespace Cairn.Core.PostPolicies;

/// <summary>The three kinds of condition a POST policy document states (docs/s3-compatibility.md "POST Object").</summary>
public enum PostConditionKind
{
    /// <summary><c>{"field": "value"}</c> or <c>["eq", "$field", "value"]</c>: the field is exactly the value.</summary>
    Equals,

    /// <summary><c>["starts-with", "$field", "prefix"]</c>: the field begins with the prefix (an empty prefix allows any value).</summary>
    StartsWith,

    /// <summary><c>["content-length-range", min, max]</c>: the file's size in bytes, bounds included.</summary>
    ContentLengthRange,
}

/// <summary>
/// One condition of a POST policy. A form field the condition names is compared ignoring the name's case; a field the
/// form does not carry compares as the empty string, so <c>["starts-with", "$Content-Type", ""]</c> allows a form
/// without one. The condition knows how to describe itself the way a refusal names it.
/// </summary>
public sealed record PostPolicyCondition
{
    private PostPolicyCondition(PostConditionKind kind, string field, string value, long min, long max)
    {
        Kind = kind;
        Field = field;
        Value = value;
        Min = min;
        Max = max;
    }

    public PostConditionKind Kind { get; }

    /// <summary>The form field, as the policy spells it, without its <c>$</c>; empty for a content-length-range.</summary>
    public string Field { get; }

    /// <summary>The exact value or the prefix.</summary>
    public string Value { get; }

    /// <summary>The smallest file a content-length-range allows.</summary>
    public long Min { get; }

    /// <summary>The largest file a content-length-range allows.</summary>
    public long Max { get; }

    public static PostPolicyCondition Equal(string field, string value) => new(PostConditionKind.Equals, field, value, 0, 0);

    public static PostPolicyCondition StartsWith(string field, string prefix) => new(PostConditionKind.StartsWith, field, prefix, 0, 0);

    public static PostPolicyCondition LengthRange(long min, long max) => new(PostConditionKind.ContentLengthRange, string.Empty, string.Empty, min, max);

    /// <summary>True for a field condition naming <paramref name="name"/> (ignoring case).</summary>
    public bool Names(string name) =>
        Kind != PostConditionKind.ContentLengthRange && string.Equals(Field, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a field's value satisfies this condition. A starts-with on Content-Type holds when every
    /// comma-separated type in the value begins with the prefix, as S3 reads a list of types.
    /// </summary>
    public bool IsSatisfiedBy(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Kind switch
        {
            PostConditionKind.Equals => string.Equals(value, Value, StringComparison.Ordinal),
            PostConditionKind.StartsWith when string.Equals(Field, "content-type", StringComparison.OrdinalIgnoreCase) =>
                value.Split(',').All(type => type.Trim().StartsWith(Value, StringComparison.Ordinal)),
            PostConditionKind.StartsWith => value.StartsWith(Value, StringComparison.Ordinal),
            _ => true,
        };
    }

    /// <summary>The condition in the array form a refusal names, e.g. <c>["starts-with", "$key", "uploads/"]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PostConditionKind.Equals => $"[\"eq\", \"${Field}\", \"{Value}\"]",
        PostConditionKind.StartsWith => $"[\"starts-with\", \"${Field}\", \"{Value}\"]",
        _ => string.Create(CultureInfo.InvariantCulture, $"[\"content-length-range\", {Min}, {Max}]"),
    };
}
