using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// The lifecycle sweeper's reads and conditional expiries, and its stored progress (rows of the <c>settings</c>
/// table, named by <see cref="StoredNames.Progress"/>). An expiry takes the locks a delete takes, so it is settled
/// against a concurrent write of the same key on any node: it sees the write's commit and leaves the new object alone.
/// </summary>
public sealed partial class PostgresMetadataStore : ILifecycleStore
{
    public Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken) =>
        max <= 0 || Nul.In(name)
            ? Task.FromResult<IReadOnlyList<BucketDocument>>([])
            : ReadAsync<IReadOnlyList<BucketDocument>>(async connection => await QueryAsync(connection, null,
                "SELECT bucket, document FROM bucket_settings WHERE name = $1 AND bucket > $2 ORDER BY bucket LIMIT $3",
                reader => new BucketDocument(reader.GetString(0), reader.GetString(1)), cancellationToken,
                name, Nul.Cut(afterBucket) ?? string.Empty, max), cancellationToken);

    public Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken)
    {
        if (max <= 0 || Nul.In(bucket) || Nul.In(prefix))
        {
            return Task.FromResult<IReadOnlyList<ObjectRecord>>([]);
        }

        var range = KeyRange.Of(prefix, Nul.Cut(after));
        object?[] args = range.Below is { } below ? [bucket, max, range.From, below] : [bucket, max, range.From];
        return ReadAsync<IReadOnlyList<ObjectRecord>>(async connection => await QueryAsync(connection, null,
            $"SELECT {ScannedObject.Columns} FROM objects WHERE bucket = $1 AND {range.Condition("$3", "$4")} ORDER BY key LIMIT $2",
            reader => ScannedObject.Map(reader, bucket), cancellationToken, args), cancellationToken);
    }

    public Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken) =>
        Nul.In(bucket) || Nul.In(key) ? Task.FromResult(false) : WriteAsync(async tx =>
        {
            await Locks.ObjectKeyAsync(tx, bucket, key, cancellationToken);
            return await ScalarAsync(tx, "SELECT 1 FROM objects WHERE bucket = $1 AND key = $2 AND etag = $3 AND last_modified = $4", cancellationToken,
                    bucket, key, etag, lastModified.ToUnixTimeMilliseconds()) is not null
                && await RemoveCurrentAsync(tx, bucket, key, cancellationToken);
        }, cancellationToken);

    public Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(async connection => await ScalarAsync(connection, null, "SELECT value FROM settings WHERE name = $1", cancellationToken,
            StoredNames.Progress(name)) as string, cancellationToken);

    public Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken) =>
        WriteAsync(tx => progress is null
            ? ExecuteAsync(tx, "DELETE FROM settings WHERE name = $1", cancellationToken, StoredNames.Progress(name))
            : ExecuteAsync(tx, "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                cancellationToken, StoredNames.Progress(name), progress), cancellationToken);
}
