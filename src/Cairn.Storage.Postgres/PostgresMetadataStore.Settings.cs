using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Storage.Postgres;

/// <summary>Bucket configuration documents and object ACLs.</summary>
public sealed partial class PostgresMetadataStore : IBucketSettingsStore
{
    public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<BucketSettings?> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<bool> SetBucketSettingAsync(string bucket, string name, string? document, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<BucketRecord>> ListBucketsOwnedByAsync(string ownerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<bool> SetObjectAclAsync(string bucket, string key, string owner, AccessControlList? acl, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
