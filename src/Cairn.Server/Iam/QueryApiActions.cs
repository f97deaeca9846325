using System.Collections.Frozen;
using Cairn.Core.Errors;

namespace Cairn.Server.Iam;

/// <summary>
/// The one rule for which query API call is which: <c>Action</c> names it and <c>Version</c> must be the service's
/// API version; anything else is InvalidAction, as IAM and STS answer.
/// </summary>
internal static class QueryApiActions
{
    public static T Find<T>(QueryApiParameters parameters, string version, FrozenDictionary<string, T> actions)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(actions);
        var name = parameters.Optional("Action");
        if (string.IsNullOrEmpty(name))
        {
            throw new CairnException(ErrorCode.InvalidAction, "The request must name an Action.");
        }

        var given = parameters.Optional("Version");
        if (given != version || !actions.TryGetValue(name, out var action))
        {
            throw new CairnException(ErrorCode.InvalidAction, $"Could not find operation {name} for version {given ?? "NO_VERSION_SPECIFIED"}");
        }

        return action;
    }
}
