namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>The families of condition operators: what the values are and how they are compared.</summary>
internal enum OperatorFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

/// <summary>How a request value is compared with a policy value within a family.</summary>
internal enum Comparison
{
    Equal,
    Like,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>ForAnyValue: / ForAllValues: — how a condition treats a key with several values.</summary>
internal enum SetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

/// <summary>
/// A condition operator as written (<c>ForAnyValue:StringLikeIfExists</c>): its family, comparison, whether it is
/// negated or ignores case, whether a missing key satisfies it (IfExists) and its set qualifier.
/// </summary>
internal sealed record ConditionOperator(
    string Name, OperatorFamily Family, Comparison Comparison, bool Negated, bool IgnoreCase, bool IfExists, SetQualifier Qualifier)
{
    private const string IfExistsSuffix = "IfExists";
    private const string ForAnyValuePrefix = "ForAnyValue:";
    private const string ForAllValuesPrefix = "ForAllValues:";

    private static readonly Dictionary<string, (OperatorFamily Family, Comparison Comparison, bool Negated, bool IgnoreCase)> Base =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (OperatorFamily.String, Comparison.Equal, false, false),
            ["StringNotEquals"] = (OperatorFamily.String, Comparison.Equal, true, false),
            ["StringEqualsIgnoreCase"] = (OperatorFamily.String, Comparison.Equal, false, true),
            ["StringNotEqualsIgnoreCase"] = (OperatorFamily.String, Comparison.Equal, true, true),
            ["StringLike"] = (OperatorFamily.String, Comparison.Like, false, false),
            ["StringNotLike"] = (OperatorFamily.String, Comparison.Like, true, false),
            ["NumericEquals"] = (OperatorFamily.Numeric, Comparison.Equal, false, false),
            ["NumericNotEquals"] = (OperatorFamily.Numeric, Comparison.Equal, true, false),
            ["NumericLessThan"] = (OperatorFamily.Numeric, Comparison.LessThan, false, false),
            ["NumericLessThanEquals"] = (OperatorFamily.Numeric, Comparison.LessThanOrEqual, false, false),
            ["NumericGreaterThan"] = (OperatorFamily.Numeric, Comparison.GreaterThan, false, false),
            ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, Comparison.GreaterThanOrEqual, false, false),
            ["DateEquals"] = (OperatorFamily.Date, Comparison.Equal, false, false),
            ["DateNotEquals"] = (OperatorFamily.Date, Comparison.Equal, true, false),
            ["DateLessThan"] = (OperatorFamily.Date, Comparison.LessThan, false, false),
            ["DateLessThanEquals"] = (OperatorFamily.Date, Comparison.LessThanOrEqual, false, false),
            ["DateGreaterThan"] = (OperatorFamily.Date, Comparison.GreaterThan, false, false),
            ["DateGreaterThanEquals"] = (OperatorFamily.Date, Comparison.GreaterThanOrEqual, false, false),
            ["Bool"] = (OperatorFamily.Bool, Comparison.Equal, false, true),
            ["BinaryEquals"] = (OperatorFamily.Binary, Comparison.Equal, false, false),
            ["IpAddress"] = (OperatorFamily.IpAddress, Comparison.Equal, false, false),
            ["NotIpAddress"] = (OperatorFamily.IpAddress, Comparison.Equal, true, false),
            // ArnEquals and ArnLike both compare component by component with wildcards.
            ["ArnEquals"] = (OperatorFamily.Arn, Comparison.Like, false, false),
            ["ArnLike"] = (OperatorFamily.Arn, Comparison.Like, false, false),
            ["ArnNotEquals"] = (OperatorFamily.Arn, Comparison.Like, true, false),
            ["ArnNotLike"] = (OperatorFamily.Arn, Comparison.Like, true, false),
            ["Null"] = (OperatorFamily.Null, Comparison.Equal, false, false),
        };

    /// <summary>Parses an operator name; MalformedPolicy naming it when it is not one of the language's.</summary>
    public static ConditionOperator Parse(string name, string where)
    {
        var rest = name;
        var qualifier = SetQualifier.None;
        if (rest.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAnyValue;
            rest = rest[ForAnyValuePrefix.Length..];
        }
        else if (rest.StartsWith(ForAllValuesPrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAllValues;
            rest = rest[ForAllValuesPrefix.Length..];
        }

        var ifExists = false;
        if (!Base.ContainsKey(rest) && rest.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            ifExists = true;
            rest = rest[..^IfExistsSuffix.Length];
        }

        if (!Base.TryGetValue(rest, out var spec) || ifExists && spec.Family == OperatorFamily.Null)
        {
            throw new MalformedPolicyException($"Invalid Condition operator \"{name}\" in {where}.");
        }

        return new ConditionOperator(name, spec.Family, spec.Comparison, spec.Negated, spec.IgnoreCase, ifExists, qualifier);
    }
}
