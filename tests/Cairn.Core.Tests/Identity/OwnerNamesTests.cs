using Cairn.Core.Identity;

namespace Cairn.Core.Tests.Identity;

/// <summary>Listings name owners by their user's name, falling back to the id.</summary>
public sealed class OwnerNamesTests
{
    [Fact]
    public async Task Each_distinct_owner_is_looked_up_once_and_unknown_ids_name_themselves()
    {
        var store = new InMemoryIdentityStore();
        await store.CreateUserAsync(new User("u1", "alice", DateTimeOffset.UnixEpoch, IdentityStatus.Active), CancellationToken.None);

        var names = await new OwnerNames(store).ResolveAsync(["u1", "u1", "legacy-key", "u1"], CancellationToken.None);

        Assert.Equal("alice", names["u1"]);
        Assert.Equal("legacy-key", names["legacy-key"]);
        Assert.Equal(2, store.UserLookups);
    }
}
