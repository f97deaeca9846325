using Cairn.Core.Identity;
using Cairn.Core.Model;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Metadata;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary><see cref="IdentityContract"/> against <see cref="SqliteIdentityStore"/> on the metadata database, one file per test.</summary>
public sealed class SqliteIdentityContractTests : IdentityContract, IDisposable
{
    private readonly SqliteStores _stores = new();
    private SqliteMetadataStore? _database;

    protected override IIdentityStore Open(TimeProvider time)
    {
        _database = _stores.Open(_stores.Directory, time);
        return new SqliteIdentityStore(_database, time);
    }

    protected override void Close() => _database?.Dispose();

    protected override async Task CreateBucketAsync(string name, string ownerId) =>
        Assert.Null(await _database!.CreateBucketAsync(new BucketRecord(name, ownerId, Now), CancellationToken.None));

    protected override Task DeleteBucketAsync(string name) => _database!.DeleteBucketAsync(name, CancellationToken.None);

    public void Dispose() => _stores.Dispose();
}
