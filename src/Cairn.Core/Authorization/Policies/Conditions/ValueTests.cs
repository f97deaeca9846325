namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// Builds the test for one policy value of an operator, checking at Put time that the value is of the operator's
/// kind (a number, a date, true/false, base64, an address range), so a typo is refused rather than never matching.
/// </summary>
internal static class ValueTests
{
    private const string True = "true";
    private const string False = "false";

    public static IValueTest Create(ConditionOperator op, string value, bool variables, string where) => op.Family switch
    {
        OperatorFamily.String => new StringTest(PolicyTemplate.Parse(value, variables), op.Comparison == Comparison.Like, op.IgnoreCase),
        OperatorFamily.Arn => new ArnTest(PolicyTemplate.Parse(value, variables)),
        OperatorFamily.Bool => CreateBool(op, value, variables, where),
        OperatorFamily.Numeric => new OrderedTest<decimal>(
            OrderedValues.ParseNumber(value) ?? throw Invalid(op, value, where, "a number"), op.Comparison, OrderedValues.ParseNumber),
        OperatorFamily.Date => new OrderedTest<DateTimeOffset>(
            OrderedValues.ParseDate(value) ?? throw Invalid(op, value, where, "an ISO 8601 date or seconds since 1970"), op.Comparison, OrderedValues.ParseDate),
        OperatorFamily.Binary => new BinaryTest(BinaryTest.Decode(value) ?? throw Invalid(op, value, where, "base64")),
        OperatorFamily.IpAddress => IpRange.TryParse(value) ?? throw Invalid(op, value, where, "an IP address or CIDR range"),
        _ => throw new InvalidOperationException($"{op.Family} values have no value test."),
    };

    /// <summary>Null's value: true = the key must be absent, false = present.</summary>
    public static bool ParseNull(ConditionOperator op, string value, string where) =>
        IsBool(value) ? string.Equals(value, True, StringComparison.OrdinalIgnoreCase) : throw Invalid(op, value, where, "true or false");

    private static StringTest CreateBool(ConditionOperator op, string value, bool variables, string where)
    {
        var template = PolicyTemplate.Parse(value, variables);
        return template.HasVariables || IsBool(value)
            ? new StringTest(template, like: false, ignoreCase: true)
            : throw Invalid(op, value, where, "true or false");
    }

    private static bool IsBool(string value) =>
        string.Equals(value, True, StringComparison.OrdinalIgnoreCase) || string.Equals(value, False, StringComparison.OrdinalIgnoreCase);

    private static MalformedPolicyException Invalid(ConditionOperator op, string value, string where, string expected) =>
        new($"Invalid value \"{value}\" for Condition operator {op.Name} in {where}: expected {expected}.");
}
