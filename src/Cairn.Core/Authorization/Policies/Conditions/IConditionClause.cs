namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>One operator-key pair of a Condition element: the pairs of one element are ANDed.</summary>
internal interface IConditionClause
{
    ConditionOperator Operator { get; }

    string Key { get; }

    bool Holds(PolicyContext context);
}
