using System.Data.Common;
using Cairn.Core.Model;
using Cairn.Core.Tagging;

namespace Cairn.Storage.Listing;

/// <summary>
/// A row of the lifecycle sweeper's scan as a record, for both metadata stores: only what a rule's filter and an
/// expiry need — key, size, ETag, time (Unix milliseconds), owner and tags — with no segments, metadata or content.
/// </summary>
internal static class ScannedObject
{
    /// <summary>The columns <see cref="Map"/> reads, in order.</summary>
    public const string Columns = "key, size, etag, last_modified, owner, tags";

    public static ObjectRecord Map(DbDataReader reader, string bucket) => new()
    {
        Bucket = bucket,
        Key = reader.GetString(0),
        Size = reader.GetInt64(1),
        ETag = reader.GetString(2),
        LastModified = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        Owner = reader.GetString(4),
        Tags = TagSetJson.Read(reader.IsDBNull(5) ? null : reader.GetString(5)),
    };
}
