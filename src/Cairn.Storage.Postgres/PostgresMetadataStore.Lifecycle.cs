using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>The lifecycle sweeper's reads and conditional expiries, and its stored progress.</summary>
public sealed partial class PostgresMetadataStore : ILifecycleStore
{
    public Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
