namespace Cairn.Core.Identity;

/// <summary>
/// The display names listings show next to owner ids: the owning user's name, or the id itself when no user has
/// it (an owner recorded by hand, or a user since removed). Each distinct owner of a page is looked up once.
/// </summary>
public sealed class OwnerNames(IIdentityStore identities)
{
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in userIds)
        {
            if (!names.ContainsKey(id))
            {
                names[id] = (await identities.FindUserAsync(id, cancellationToken))?.Name ?? id;
            }
        }

        return names;
    }
}
