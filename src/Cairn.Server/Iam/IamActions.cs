using System.Collections.Frozen;

namespace Cairn.Server.Iam;

/// <summary>
/// The admin API's actions by name, for IAM's version 2010-05-08 (<see cref="QueryApiActions"/>): IAM's own, and
/// Cairn's store actions beside them.
/// </summary>
internal sealed class IamActions
{
    public const string Version = "2010-05-08";

    private readonly FrozenDictionary<string, IamAction> _actions;

    public IamActions(IamUserActions users, IamAccessKeyActions keys, IamUserPolicyActions policies, IamRoleActions roles, IamRolePolicyActions rolePolicies, IamStoreActions store)
    {
        _actions = users.Actions.Concat(keys.Actions).Concat(policies.Actions).Concat(roles.Actions).Concat(rolePolicies.Actions).Concat(store.Actions)
            .ToFrozenDictionary(action => action.Name, StringComparer.Ordinal);
    }

    public IamAction Find(QueryApiParameters parameters) => QueryApiActions.Find(parameters, Version, _actions);
}
