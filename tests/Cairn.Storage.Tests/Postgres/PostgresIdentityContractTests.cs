using Cairn.Core.Identity;
using Cairn.Core.Model;
using Cairn.Storage.Postgres;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Postgres;

/// <summary><see cref="IdentityContract"/> against <see cref="PostgresIdentityStore"/> on the metadata database, one database per test.</summary>
public sealed class PostgresIdentityContractTests : IdentityContract, IDisposable
{
    private readonly PostgresStores _stores = new();
    private PostgresMetadataStore? _database;

    protected override IIdentityStore Open(TimeProvider time)
    {
        _database = _stores.Open(_stores.Directory, time);
        return new PostgresIdentityStore(_database, time);
    }

    protected override void Close() => _database?.Dispose();

    protected override async Task CreateBucketAsync(string name, string ownerId) =>
        Assert.Null(await _database!.CreateBucketAsync(new BucketRecord(name, ownerId, Now), CancellationToken.None));

    protected override Task DeleteBucketAsync(string name) => _database!.DeleteBucketAsync(name, CancellationToken.None);

    [SkippableFact]
    public async Task Nodes_starting_together_with_one_root_key_all_ensure_it_and_leave_it_the_one_active_key()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new PostgresIdentityStore(_stores.Open(_stores.Directory, Time), Time)).ToList();

        var ensured = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.EnsureRootAsync("AKROOT", "secret", CancellationToken.None))));

        Assert.All(ensured, Assert.True);
        var key = Assert.Single(await nodes[0].ListAccessKeysAsync(User.RootId, CancellationToken.None));
        Assert.Equal(("AKROOT", "secret", IdentityStatus.Active), (key.AccessKeyId, key.Secret, key.Status));
    }

    public void Dispose() => _stores.Dispose();
}
