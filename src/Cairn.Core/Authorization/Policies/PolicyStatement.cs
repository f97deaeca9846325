using Cairn.Core.Authorization.Policies.Conditions;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// One statement: it applies to a request when the caller is (or, for NotPrincipal, is not) among its principals,
/// the action is (not) among its actions, the resource is (not) among its resources, and every condition holds. A
/// user policy's statements have no principal: they apply to the user the policy is attached to.
/// </summary>
internal sealed class PolicyStatement
{
    public required string? Sid { get; init; }

    public required PolicyEffect Effect { get; init; }

    /// <summary>The Principal or NotPrincipal set; null in user policies.</summary>
    public required PrincipalSet? Principals { get; init; }

    public required bool NotPrincipal { get; init; }

    public required ActionSet Actions { get; init; }

    public required bool NotAction { get; init; }

    public required ResourceSet Resources { get; init; }

    public required bool NotResource { get; init; }

    public required ConditionBlock Conditions { get; init; }

    public bool Applies(PolicyContext context)
    {
        var request = context.Request;
        if (Principals is not null && Principals.Contains(request.Caller) == NotPrincipal)
        {
            return false;
        }

        if (Actions.Contains(request.Action) == NotAction)
        {
            return false;
        }

        // A resource value whose variable the request lacks leaves the statement out, Resource and NotResource alike.
        if (Resources.Contains(context) is not { } inResources || inResources == NotResource)
        {
            return false;
        }

        return Conditions.Holds(context);
    }
}
