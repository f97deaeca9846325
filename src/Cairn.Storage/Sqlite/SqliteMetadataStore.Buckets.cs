using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Stored;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>Buckets.</summary>
public sealed partial class SqliteMetadataStore : IBucketStore
{
    /// <summary>A bucket without configuration documents: the one way to create a bucket, with none.</summary>
    public Task<BucketRecord?> CreateBucketAsync(BucketRecord bucket, CancellationToken cancellationToken) =>
        CreateBucketAsync(bucket, new Dictionary<string, string>(), cancellationToken);

    public Task<BucketRecord?> GetBucketAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(async connection => (await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets WHERE name = $n", StoredRows.Bucket,
            cancellationToken, ("$n", name))).FirstOrDefault(), cancellationToken);

    public Task<IReadOnlyList<BucketRecord>> ListBucketsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<BucketRecord>>(async connection =>
            await QueryAsync(connection, null, $"SELECT {StoredRows.BucketColumns} FROM buckets ORDER BY name", StoredRows.Bucket, cancellationToken), cancellationToken);

    public Task DeleteBucketAsync(string name, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            if (ReadBucket(tx, name) is null)
            {
                throw Failures.NoSuchBucket(name);
            }

            if (Scalar(tx, "SELECT 1 FROM objects WHERE bucket = $b LIMIT 1", ("$b", name)) is not null)
            {
                throw new CairnException(ErrorCode.BucketNotEmpty, "The bucket you tried to delete is not empty.")
                {
                    Details = new ErrorDetails { BucketName = name },
                };
            }

            // Incomplete uploads do not keep a bucket alive: they are aborted with it.
            var partBlobs = Strings(tx, "SELECT p.blob_id FROM parts p JOIN uploads u ON u.upload_id = p.upload_id WHERE u.bucket = $b", ("$b", name));
            Execute(tx, "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = $b)", ("$b", name));
            Execute(tx, "DELETE FROM uploads WHERE bucket = $b", ("$b", name));
            QueueIfUnreferenced(tx, partBlobs, _time.GetUtcNow());
            Execute(tx, "DELETE FROM bucket_settings WHERE bucket = $b", ("$b", name));
            Execute(tx, "DELETE FROM buckets WHERE name = $b", ("$b", name));
            return 0;
        }, cancellationToken);
}
