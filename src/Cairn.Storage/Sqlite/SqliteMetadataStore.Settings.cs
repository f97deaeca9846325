using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Bucket configuration documents (schema step 5), kept with their bucket and removed with it.</summary>
public sealed partial class SqliteMetadataStore : IBucketSettingsStore
{
    public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            if (ReadBucket(tx, bucket.Name) is { } existing)
            {
                return existing;
            }

            Execute(tx, "INSERT INTO buckets (name, owner, created_at) VALUES ($n, $o, $t)",
                ("$n", bucket.Name), ("$o", bucket.Owner), ("$t", bucket.CreatedAt.ToUnixTimeMilliseconds()));
            foreach (var (name, document) in settings)
            {
                Execute(tx, "INSERT INTO bucket_settings (bucket, name, document) VALUES ($b, $n, $d)",
                    ("$b", bucket.Name), ("$n", name), ("$d", document));
            }

            return (BucketRecord?)null;
        }, cancellationToken);

    public Task<BucketSettings?> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            // One statement, so the bucket and its documents come from one snapshot.
            var rows = await QueryAsync(connection, null,
                "SELECT b.name, b.owner, b.created_at, s.name, s.document FROM buckets b "
                + "LEFT JOIN bucket_settings s ON s.bucket = b.name WHERE b.name = $n",
                reader => (Bucket: StoredRows.Bucket(reader), Name: reader.IsDBNull(3) ? null : reader.GetString(3),
                    Document: reader.IsDBNull(4) ? null : reader.GetString(4)),
                cancellationToken, ("$n", bucket));
            return rows.Count == 0
                ? null
                : new BucketSettings(rows[0].Bucket, rows.Where(r => r.Name is not null).ToDictionary(r => r.Name!, r => r.Document!, StringComparer.Ordinal));
        }, cancellationToken);

    public Task<bool> SetBucketSettingAsync(string bucket, string name, string? document, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            if (ReadBucket(tx, bucket) is null)
            {
                return false;
            }

            if (document is null)
            {
                Execute(tx, "DELETE FROM bucket_settings WHERE bucket = $b AND name = $n", ("$b", bucket), ("$n", name));
            }
            else
            {
                Execute(tx, "INSERT INTO bucket_settings (bucket, name, document) VALUES ($b, $n, $d) "
                    + "ON CONFLICT (bucket, name) DO UPDATE SET document = excluded.document",
                    ("$b", bucket), ("$n", name), ("$d", document));
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<BucketRecord>> ListBucketsOwnedByAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BucketRecord>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE owner = $o ORDER BY name",
                StoredRows.Bucket, cancellationToken, ("$o", ownerId)), cancellationToken);

    public Task<bool> SetObjectAclAsync(string bucket, string key, string owner, AccessControlList? acl, CancellationToken cancellationToken) =>
        WriteAsync(tx => Execute(tx, "UPDATE objects SET owner = $o, acl = $a WHERE bucket = $b AND key = $k",
            ("$o", owner), ("$a", StoredRows.Acl(acl)), ("$b", bucket), ("$k", key)) == 1, cancellationToken);
}
