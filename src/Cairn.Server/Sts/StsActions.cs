using System.Collections.Frozen;
using Cairn.Server.Iam;

namespace Cairn.Server.Sts;

/// <summary>STS's actions by name, for STS's version 2011-06-15 (<see cref="QueryApiActions"/>).</summary>
internal sealed class StsActions
{
    public const string Version = "2011-06-15";

    private readonly FrozenDictionary<string, StsAction> _actions;

    public StsActions(StsAssumeRole assumeRole, StsSessionTokenActions sessionTokens)
    {
        _actions = assumeRole.Actions.Concat(sessionTokens.Actions).Append(new StsAction("GetCallerIdentity", StsCallerIdentity.RunAsync))
            .ToFrozenDictionary(action => action.Name, StringComparer.Ordinal);
    }

    public StsAction Find(QueryApiParameters parameters) => QueryApiActions.Find(parameters, Version, _actions);
}
