namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>Null: true = holds when the key is absent, false = when present (several values ORed).</summary>
internal sealed class NullClause(ConditionOperator op, string key, IReadOnlyList<bool> expectAbsent) : IConditionClause
{
    public ConditionOperator Operator => op;

    public string Key => key;

    public bool Holds(PolicyContext context)
    {
        var absent = !context.TryGetValues(key, out _);
        return expectAbsent.Contains(absent);
    }
}
