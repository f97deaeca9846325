using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// The lifecycle sweeper's reads and conditional expiries, and its stored progress (rows of the <c>settings</c>
/// table, named by <see cref="StoredNames.Progress"/>).
/// </summary>
public sealed partial class SqliteMetadataStore : ILifecycleStore
{
    public Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken) =>
        max <= 0
            ? Task.FromResult<IReadOnlyList<BucketDocument>>([])
            : ReadAsync<IReadOnlyList<BucketDocument>>(async connection => await QueryAsync(connection, null,
                "SELECT bucket, document FROM bucket_settings WHERE name = $n AND bucket > $a ORDER BY bucket LIMIT $m",
                reader => new BucketDocument(reader.GetString(0), reader.GetString(1)), cancellationToken,
                ("$n", name), ("$a", afterBucket ?? string.Empty), ("$m", max)), cancellationToken);

    public Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<ObjectRecord>>([]);
        }

        var range = KeyRange.Of(prefix, after);
        return ReadAsync<IReadOnlyList<ObjectRecord>>(async connection => await QueryAsync(connection, null,
            $"SELECT {ScannedObject.Columns} FROM objects WHERE bucket = $b AND {range.Condition("$f", "$u")} ORDER BY key LIMIT $m",
            reader => ScannedObject.Map(reader, bucket), cancellationToken,
            ("$b", bucket), ("$f", range.From), ("$u", range.Below), ("$m", max)), cancellationToken);
    }

    public Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
            Scalar(tx, "SELECT 1 FROM objects WHERE bucket = $b AND key = $k AND etag = $e AND last_modified = $t",
                ("$b", bucket), ("$k", key), ("$e", etag), ("$t", lastModified.ToUnixTimeMilliseconds())) is not null
            && RemoveCurrent(tx, bucket, key), cancellationToken);

    public Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(async connection => await ScalarAsync(connection, "SELECT value FROM settings WHERE name = $n", cancellationToken,
            ("$n", StoredNames.Progress(name))) as string, cancellationToken);

    public Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken) =>
        WriteAsync(tx => progress is null
            ? Execute(tx, "DELETE FROM settings WHERE name = $n", ("$n", StoredNames.Progress(name)))
            : Execute(tx, "INSERT INTO settings (name, value) VALUES ($n, $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                ("$n", StoredNames.Progress(name)), ("$v", progress)), cancellationToken);
}
