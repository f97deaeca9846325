using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Bucket configuration documents (schema step 2), kept with their bucket and removed with it, and object ACLs. A
/// document write holds the bucket row as every other writer does (<see cref="Locks.BucketAsync"/>), so it either
/// commits before a DeleteBucket (which then removes it) or finds the bucket gone.
/// </summary>
public sealed partial class PostgresMetadataStore : IBucketSettingsStore
{
    public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            var inserted = await ExecuteAsync(tx, "INSERT INTO buckets (name, owner, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
                cancellationToken, bucket.Name, bucket.Owner, bucket.CreatedAt.ToUnixTimeMilliseconds());
            if (inserted == 0)
            {
                return (await QueryAsync(tx, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE name = $1", StoredRows.Bucket, cancellationToken, bucket.Name))
                    .FirstOrDefault();
            }

            if (settings.Count > 0)
            {
                await ExecuteAsync(tx,
                    "INSERT INTO bucket_settings (bucket, name, document) SELECT $1, n, d FROM unnest($2::text[], $3::text[]) AS s (n, d)",
                    cancellationToken, bucket.Name, settings.Keys.ToArray(), settings.Values.ToArray());
            }

            return null;
        }, cancellationToken);

    public Task<BucketSettings?> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) =>
        Nul.In(bucket) ? Task.FromResult<BucketSettings?>(null) : ReadAsync(async connection =>
        {
            // One statement, so the bucket and its documents come from one snapshot.
            var rows = await QueryAsync(connection, null,
                "SELECT b.name, b.owner, b.created_at, s.name, s.document FROM buckets b "
                + "LEFT JOIN bucket_settings s ON s.bucket = b.name WHERE b.name = $1",
                reader => (Bucket: StoredRows.Bucket(reader), Name: reader.IsDBNull(3) ? null : reader.GetString(3),
                    Document: reader.IsDBNull(4) ? null : reader.GetString(4)),
                cancellationToken, bucket);
            return rows.Count == 0
                ? null
                : new BucketSettings(rows[0].Bucket, rows.Where(r => r.Name is not null).ToDictionary(r => r.Name!, r => r.Document!, StringComparer.Ordinal));
        }, cancellationToken);

    public Task<bool> SetBucketSettingAsync(string bucket, string name, string? document, CancellationToken cancellationToken) =>
        Nul.In(bucket) ? Task.FromResult(false) : WriteAsync(async tx =>
        {
            if (!await Locks.BucketAsync(tx, bucket, cancellationToken))
            {
                return false;
            }

            if (document is null)
            {
                await ExecuteAsync(tx, "DELETE FROM bucket_settings WHERE bucket = $1 AND name = $2", cancellationToken, bucket, name);
            }
            else
            {
                await ExecuteAsync(tx,
                    "INSERT INTO bucket_settings (bucket, name, document) VALUES ($1, $2, $3) "
                    + "ON CONFLICT (bucket, name) DO UPDATE SET document = excluded.document",
                    cancellationToken, bucket, name, document);
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<BucketRecord>> ListBucketsOwnedByAsync(string ownerId, CancellationToken cancellationToken) =>
        Nul.In(ownerId) ? Task.FromResult<IReadOnlyList<BucketRecord>>([]) : ReadAsync<IReadOnlyList<BucketRecord>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE owner = $1 ORDER BY name",
                StoredRows.Bucket, cancellationToken, ownerId), cancellationToken);

    /// <summary>An object write like any other: it holds the key's lock (<see cref="Locks.ObjectKeyAsync"/>), so it lands before or after a PUT of the same key, never inside one.</summary>
    public Task<bool> SetObjectAclAsync(string bucket, string key, string owner, AccessControlList? acl, CancellationToken cancellationToken) =>
        Nul.In(bucket) || Nul.In(key) ? Task.FromResult(false) : WriteAsync(async tx =>
        {
            await Locks.ObjectKeyAsync(tx, bucket, key, cancellationToken);
            return await ExecuteAsync(tx, "UPDATE objects SET owner = $3, acl = $4 WHERE bucket = $1 AND key = $2",
                cancellationToken, bucket, key, owner, StoredRows.Acl(acl)) == 1;
        }, cancellationToken);
}
