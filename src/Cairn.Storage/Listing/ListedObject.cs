using System.Data.Common;
using Cairn.Core.Checksums;
using Cairn.Core.Model;
using Cairn.Storage.Stored;

namespace Cairn.Storage.Listing;

/// <summary>
/// A listing row as a record, for both metadata stores: a listing selects only what ListObjects shows — key, size,
/// ETag, time (Unix milliseconds), the storage class extracted from the headers JSON, owner, and the checksum
/// algorithm names joined by commas — so no JSON is parsed per row in .NET. Headers hold only the storage class,
/// checksums only their algorithms (with empty values).
/// </summary>
internal static class ListedObject
{
    private static readonly ObjectHeaders NoHeaders = new();
    private static readonly Dictionary<ChecksumAlgorithm, string> NoChecksums = [];

    public static ObjectRecord Map(DbDataReader reader, string bucket) => new()
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
}
