using Cairn.Core.Identity.Roles;
using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Postgres;

/// <summary><see cref="RoleStoreContract"/> against <see cref="PostgresIdentityStore"/> on the metadata database, one database per test.</summary>
public sealed class PostgresRoleStoreContractTests : RoleStoreContract, IDisposable
{
    private readonly PostgresStores _stores = new();
    private PostgresMetadataStore? _database;

    protected override IRoleStore Open(TimeProvider time)
    {
        _database = _stores.Open(_stores.Directory, time);
        return new PostgresIdentityStore(_database, time);
    }

    protected override void Close() => _database?.Dispose();

    [SkippableFact]
    public async Task Nodes_creating_one_role_name_at_once_make_exactly_one_role()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresIdentityStore(_stores.Open(_stores.Directory, Time), Time)).ToList();
        var roles = nodes.Select((_, i) => new Role(RoleIds.New(), i % 2 == 0 ? "Uploader" : "uploader", "owner-id", "{}",
            Role.DefaultMaxSessionDuration, string.Empty, Now)).ToList();

        var created = await Task.WhenAll(nodes.Select((node, i) => Task.Run(() => node.CreateRoleAsync(roles[i], CancellationToken.None))));

        var winner = roles[Assert.Single(Enumerable.Range(0, roles.Count), i => created[i])];
        foreach (var node in nodes)
        {
            Assert.Equal(winner, await node.FindRoleByNameAsync("UPLOADER", CancellationToken.None));
        }
    }

    public void Dispose() => _stores.Dispose();
}
