using Cairn.Core.Model;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using Npgsql;
using static Cairn.Storage.Postgres.Pg;

namespace Cairn.Storage.Postgres;

/// <summary>
/// ListObjects on PostgreSQL: the <see cref="ObjectPager"/> on two statements, one per comparison, each a range scan
/// of the (bucket, key) unique index. The key column's collation ("C", UTF-8 byte order) governs the comparison with
/// the cursor, so the condition and the order are those of the index.
/// </summary>
internal static class ObjectListing
{
    public static async Task<ObjectPage> ListAsync(
        NpgsqlTransaction tx, string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken)
    {
        await using var exclusive = ListCommand(tx, bucket, ">");
        await using var inclusive = ListCommand(tx, bucket, ">=");
        return await ObjectPager.ListAsync(bucket, prefix, delimiter, after, maxKeys, (cursor, isInclusive, limit) =>
        {
            var command = isInclusive ? inclusive : exclusive;
            command.Parameters[1].Value = cursor;
            command.Parameters[2].Value = limit;
            return command;
        }, cancellationToken);
    }

    /// <summary>The columns of <see cref="ListedObject"/>, extracted by PostgreSQL.</summary>
    private static NpgsqlCommand ListCommand(NpgsqlTransaction tx, string bucket, string comparison) =>
        Command(tx.Connection!, tx,
            $"""
            SELECT key, size, etag, last_modified, headers::json ->> '{StoredNames.StorageClassField}', owner,
                   (SELECT string_agg(a, ',') FROM json_object_keys(checksums::json) AS a)
            FROM objects WHERE bucket = $1 AND key {comparison} $2 ORDER BY key LIMIT $3
            """,
            [bucket, string.Empty, 0]);
}
