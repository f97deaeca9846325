using Cairn.Core.Model;
using Cairn.Storage.Listing;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>ListObjects on SQLite: the <see cref="ObjectPager"/> on two prepared statements, one per comparison.</summary>
internal static class ObjectListing
{
    public static async Task<ObjectPage> ListAsync(
        SqliteTransaction tx, string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken)
    {
        await using var exclusive = ListCommand(tx, bucket, ">");
        await using var inclusive = ListCommand(tx, bucket, ">=");
        return await ObjectPager.ListAsync(bucket, prefix, delimiter, after, maxKeys, (cursor, isInclusive, limit) =>
        {
            var command = isInclusive ? inclusive : exclusive;
            command.Parameters["$c"].Value = cursor;
            command.Parameters["$n"].Value = limit;
            return command;
        }, cancellationToken);
    }

    /// <summary>The columns of <see cref="ListedObject"/>, extracted by SQLite.</summary>
    private static SqliteCommand ListCommand(SqliteTransaction tx, string bucket, string comparison)
    {
        var command = Command(tx.Connection!, tx,
            $"""
            SELECT key, size, etag, last_modified, json_extract(headers, '$.{StoredNames.StorageClassField}'), owner,
                   (SELECT group_concat(j.key) FROM json_each(checksums) j)
            FROM objects WHERE bucket = $b AND key {comparison} $c ORDER BY key LIMIT $n
            """,
            ("$b", bucket), ("$c", string.Empty), ("$n", 0));
        command.Prepare();
        return command;
    }
}
