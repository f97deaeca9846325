namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// One operator applied to one condition key with its values (ORed). A negated operator holds when no value
/// matches. A key the request lacks makes the clause false, except that negated operators, IfExists operators and
/// ForAllValues then hold, and Null tests exactly that. A value naming a variable the request lacks makes the
/// clause false whatever the operator.
/// </summary>
internal sealed class ValuesClause(ConditionOperator op, string key, IReadOnlyList<string> values, IReadOnlyList<IValueTest> tests)
    : IConditionClause
{
    public ConditionOperator Operator => op;

    public string Key => key;

    /// <summary>The values as written (the public-policy rule reads them).</summary>
    public IReadOnlyList<string> Values => values;

    public bool Holds(PolicyContext context)
    {
        if (!context.TryGetValues(key, out var requestValues))
        {
            return op.IfExists || op.Qualifier switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => false,
                _ => op.Negated,
            };
        }

        // Without a qualifier a positive operator asks for any value to match, a negated one for every value to miss.
        var all = op.Qualifier == SetQualifier.ForAllValues || op.Qualifier == SetQualifier.None && op.Negated;
        foreach (var value in requestValues)
        {
            var matched = MatchesAny(value, context);
            if (matched is null)
            {
                return false;
            }

            var holds = matched.Value != op.Negated;
            if (all && !holds)
            {
                return false;
            }

            if (!all && holds)
            {
                return true;
            }
        }

        return all;
    }

    private bool? MatchesAny(string value, PolicyContext context)
    {
        foreach (var test in tests)
        {
            switch (test.Matches(value, context))
            {
                case null:
                    return null;
                case true:
                    return true;
            }
        }

        return false;
    }
}
