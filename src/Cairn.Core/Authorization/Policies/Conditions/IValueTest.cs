namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// One value of a condition, parsed for its operator: does a request value match it (the operator's positive
/// sense; negation and set qualifiers are applied by <see cref="ValuesClause"/>)? Null when the value names a
/// policy variable the request lacks.
/// </summary>
internal interface IValueTest
{
    bool? Matches(string requestValue, PolicyContext context);
}
