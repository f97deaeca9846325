using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Postgres.ObjectRows;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>Buckets.</summary>
public sealed partial class PostgresMetadataStore : IBucketStore
{
    /// <summary>A bucket without configuration documents: the one way to create a bucket, with none.</summary>
    public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken) =>
        CreateBucketAsync(bucket, new Dictionary<string, string>(), cancellationToken);

    public Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken) =>
        Nul.In(name) ? Task.FromResult<BucketRecord?>(null) : ReadAsync(async connection => (await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE name = $1", StoredRows.Bucket,
            cancellationToken, name)).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BucketRecord>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets ORDER BY name", StoredRows.Bucket, cancellationToken), cancellationToken);

    public Task DeleteBucketAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            // FOR UPDATE waits for the writers holding the row (FOR KEY SHARE), then the checks below see what they committed.
            if (Nul.In(name) || await ScalarAsync(tx, "SELECT 1 FROM buckets WHERE name = $1 FOR UPDATE", cancellationToken, name) is null)
            {
                throw Failures.NoSuchBucket(name);
            }

            if (await ScalarAsync(tx, "SELECT 1 FROM objects WHERE bucket = $1 LIMIT 1", cancellationToken, name) is not null)
            {
                throw new CairnException(ErrorCode.BucketNotEmpty, "The bucket you tried to delete is not empty.")
                {
                    Details = new ErrorDetails { BucketName = name },
                };
            }

            // Incomplete uploads do not keep a bucket alive: they are aborted with it. Their rows are locked first, so
            // a part being stored right now either commits before (and is deleted here) or finds its upload gone.
            await ExecuteAsync(tx, "SELECT 1 FROM uploads WHERE bucket = $1 ORDER BY upload_id FOR UPDATE", cancellationToken, name);
            var partBlobs = await StringsAsync(tx,
                "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = $1) RETURNING blob_id", cancellationToken, name);
            await ExecuteAsync(tx, "DELETE FROM uploads WHERE bucket = $1", cancellationToken, name);
            await QueueIfUnreferencedAsync(tx, partBlobs, _time.GetUtcNow(), cancellationToken);
            await ExecuteAsync(tx, "DELETE FROM bucket_settings WHERE bucket = $1", cancellationToken, name);
            await ExecuteAsync(tx, "DELETE FROM buckets WHERE name = $1", cancellationToken, name);
            return 0;
        }, cancellationToken);
}
