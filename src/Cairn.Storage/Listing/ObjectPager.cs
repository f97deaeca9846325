using System.Data.Common;
using Cairn.Core.Model;

namespace Cairn.Storage.Listing;

/// <summary>
/// A query for the next keys of a listing, ready to run: the <see cref="ListedObject"/> columns of the bucket's
/// objects whose key is after <paramref name="cursor"/> (or equal to it when <paramref name="inclusive"/>), in key
/// order, at most <paramref name="limit"/> rows. The command belongs to the caller, which may hand out the same one
/// again with other values.
/// </summary>
internal delegate DbCommand KeyQuery(string cursor, bool inclusive, int limit);

/// <summary>
/// One page of ListObjects, the same for both metadata stores (docs/storage.md): prefix, exclusive <c>after</c>,
/// delimiter roll-up, truncation. Each common prefix costs one seek: once it is emitted the scan jumps to the
/// prefix's successor instead of reading every key below it. A query asks for few rows right after such a jump (the
/// next key may well roll up again, and the rest of its batch would be read for nothing) and for more while keys come
/// back one by one, so a page of plain keys takes one or two queries and a page of common prefixes reads few keys
/// beneath each.
/// </summary>
internal static class ObjectPager
{
    /// <summary>Rows asked for by the first query of a delimited listing and by the first after each jump.</summary>
    private const int AfterJump = 8;

    /// <summary>The most rows one query asks for.</summary>
    private const int MaxBatch = 1024;

    public static async Task<ObjectPage> ListAsync(
        string bucket, string prefix, string? delimiter, string? after, int maxKeys, KeyQuery query, CancellationToken cancellationToken)
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
            var rolled = delimited ? KeyOrder.CommonPrefixOf(after, prefix, delimiter!) : null;
            if (rolled is not null)
            {
                // Everything under that prefix was covered by the page that returned it.
                if (KeyOrder.Successor(rolled) is not { } next)
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

        if (KeyOrder.Utf8Compare(cursor, prefix) < 0)
        {
            (cursor, inclusive) = (prefix, true);
        }

        var batch = delimited ? AfterJump : MaxBatch;
        string? lastEmitted = null;
        while (true)
        {
            // One row more than the page still takes tells whether the page is truncated.
            var limit = Math.Min(batch, maxKeys - objects.Count - prefixes.Count + 1);
            var rows = 0;
            var jumped = false;
            await using var reader = await query(cursor, inclusive, limit).ExecuteReaderAsync(cancellationToken);
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

                var common = delimited ? KeyOrder.CommonPrefixOf(key, prefix, delimiter!) : null;
                if (common is null)
                {
                    objects.Add(ListedObject.Map(reader, bucket));
                    lastEmitted = key;
                    (cursor, inclusive) = (key, false);
                    continue;
                }

                prefixes.Add(common);
                lastEmitted = common;
                if (KeyOrder.Successor(common) is not { } successor)
                {
                    // No successor exists only for a prefix made of U+10FFFF alone; every greater key starts
                    // with it, so nothing can follow.
                    return new ObjectPage(objects, prefixes, false, null);
                }

                (cursor, inclusive) = (successor, true);
                jumped = true;
                break;
            }

            if (!jumped && rows < limit)
            {
                return new ObjectPage(objects, prefixes, false, null);
            }

            batch = jumped ? AfterJump : Math.Min(batch * 4, MaxBatch);
        }
    }
}
