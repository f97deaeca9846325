using Cairn.Core.Model;
using Cairn.Storage.Stored;
using Microsoft.Data.Sqlite;
using System.Text;
using static Cairn.Storage.Sqlite.Sql;

namespace Cairn.Storage.Sqlite;

/// <summary>
/// Key-ordered listing with delimiter roll-up (docs/storage.md). Each common prefix costs one index
/// seek: after it is emitted the scan jumps to the prefix's successor instead of reading every key below it.
/// </summary>
internal static class ObjectListing
{
    private const int BatchSize = 256;

    public static async Task<ObjectPage> ListAsync(
        SqliteTransaction tx, string bucket, string prefix, string? delimiter, string? after, int maxKeys, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectRecord>();
        var prefixes = new List<string>();
        if (maxKeys <= 0)
        {
            return new ObjectPage(objects, prefixes, false, null);
        }

        var delimited = !string.IsNullOrEmpty(delimiter);

        // Cursor: either "strictly after key X" or "at or after key X" (after a common prefix's successor).
        var cursor = string.Empty;
        var inclusive = true;
        if (after is not null && after.Length > 0)
        {
            var rolled = delimited ? CommonPrefixOf(after, prefix, delimiter!) : null;
            if (rolled is not null)
            {
                // Everything under that prefix was covered by the page that returned it.
                if (Successor(rolled) is not { } next)
                {
                    return new ObjectPage(objects, prefixes, false, null);
                }

                (cursor, inclusive) = (next, true);
            }
            else
            {
                (cursor, inclusive) = (after, false);
            }
        }

        if (Utf8Compare(cursor, prefix) < 0)
        {
            (cursor, inclusive) = (prefix, true);
        }

        // Two prepared statements serve every seek of the page (one per common prefix with a delimiter).
        await using var exclusive = ListCommand(tx, bucket, ">");
        await using var inclusiveCommand = ListCommand(tx, bucket, ">=");
        string? lastEmitted = null;
        while (true)
        {
            var rows = 0;
            var jumped = false;
            var command = inclusive ? inclusiveCommand : exclusive;
            command.Parameters["$c"].Value = cursor;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                var key = reader.GetString(0);
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return new ObjectPage(objects, prefixes, false, null);
                }

                if (objects.Count + prefixes.Count == maxKeys)
                {
                    return new ObjectPage(objects, prefixes, true, lastEmitted);
                }

                var common = delimited ? CommonPrefixOf(key, prefix, delimiter!) : null;
                if (common is null)
                {
                    objects.Add(MapListed(reader, bucket));
                    lastEmitted = key;
                    (cursor, inclusive) = (key, false);
                    continue;
                }

                prefixes.Add(common);
                lastEmitted = common;
                if (Successor(common) is not { } successor)
                {
                    // No successor exists only for a prefix made of U+10FFFF alone; every greater key starts
                    // with it, so nothing can follow.
                    return new ObjectPage(objects, prefixes, false, null);
                }

                (cursor, inclusive) = (successor, true);
                jumped = true;
                break;
            }

            if (!jumped && rows < BatchSize)
            {
                return new ObjectPage(objects, prefixes, false, null);
            }
        }
    }

    /// <summary>
    /// Only what a listing shows: key, size, ETag, time, storage class, owner and the checksum algorithm names,
    /// extracted by SQLite so no JSON is parsed per row here.
    /// </summary>
    private static SqliteCommand ListCommand(SqliteTransaction tx, string bucket, string comparison)
    {
        var command = Command(tx.Connection!, tx,
            $"""
            SELECT key, size, etag, last_modified, json_extract(headers, '$.{StoredNames.StorageClassField}'), owner,
                   (SELECT group_concat(j.key) FROM json_each(checksums) j)
            FROM objects WHERE bucket = $b AND key {comparison} $c ORDER BY key LIMIT $n
            """,
            ("$b", bucket), ("$c", string.Empty), ("$n", BatchSize));
        command.Prepare();
        return command;
    }

    /// <summary>A listing row as a record: headers hold only the storage class, checksums only their algorithms.</summary>
    private static ObjectRecord MapListed(SqliteDataReader reader, string bucket) => new()
    {
        Bucket = bucket,
        Key = reader.GetString(0),
        Size = reader.GetInt64(1),
        ETag = reader.GetString(2),
        LastModified = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        Headers = reader.IsDBNull(4) ? NoHeaders : new ObjectHeaders { StorageClass = reader.GetString(4) },
        Owner = reader.GetString(5),
        Checksums = reader.IsDBNull(6)
            ? NoChecksums
            : reader.GetString(6).Split(',').ToDictionary(StoredNames.ParseAlgorithm, _ => string.Empty),
    };

    private static readonly ObjectHeaders NoHeaders = new();
    private static readonly Dictionary<Cairn.Core.Checksums.ChecksumAlgorithm, string> NoChecksums = [];

    /// <summary>The common prefix a key rolls up into (prefix + text up to and including the delimiter), or null.</summary>
    public static string? CommonPrefixOf(string key, string prefix, string delimiter)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var index = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return index < 0 ? null : key[..(index + delimiter.Length)];
    }

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="value"/>, in UTF-8 byte order:
    /// the last code point incremented (dropping trailing maximal code points). Null when none exists.
    /// </summary>
    public static string? Successor(string value)
    {
        var runes = value.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            var next = last + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }

            if (next <= 0x10FFFF)
            {
                var builder = new StringBuilder();
                foreach (var rune in runes)
                {
                    builder.Append(rune.ToString());
                }

                return builder.Append(new Rune(next).ToString()).ToString();
            }
        }

        return null;
    }

    /// <summary>Compares two strings by their UTF-8 bytes (= code point order), the order SQLite's BINARY collation uses.</summary>
    public static int Utf8Compare(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var ha = ea.MoveNext();
            var hb = eb.MoveNext();
            if (!ha || !hb)
            {
                return ha == hb ? 0 : ha ? 1 : -1;
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
