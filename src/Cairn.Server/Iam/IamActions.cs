using System.Collections.Frozen;
using Cairn.Core.Errors;

namespace Cairn.Server.Iam;

/// <summary>
/// The admin API's actions by name, and the one rule for which call is which: <c>Action</c> names it and
/// <c>Version</c> must be IAM's 2010-05-08 (InvalidAction otherwise, as IAM answers).
/// </summary>
internal sealed class IamActions
{
    public const string Version = "2010-05-08";

    private readonly FrozenDictionary<string, IamAction> _actions;

    public IamActions(IamUserActions users, IamAccessKeyActions keys, IamUserPolicyActions policies)
    {
        _actions = users.Actions.Concat(keys.Actions).Concat(policies.Actions).ToFrozenDictionary(action => action.Name, StringComparer.Ordinal);
    }

    public IamAction Find(IamParameters parameters)
    {
        var name = parameters.Optional("Action");
        if (string.IsNullOrEmpty(name))
        {
            throw new CairnException(ErrorCode.InvalidAction, "The request must name an Action.");
        }

        var version = parameters.Optional("Version");
        if (version != Version || !_actions.TryGetValue(name, out var action))
        {
            throw new CairnException(ErrorCode.InvalidAction, $"Could not find operation {name} for version {version ?? "NO_VERSION_SPECIFIED"}");
        }

        return action;
    }
}
