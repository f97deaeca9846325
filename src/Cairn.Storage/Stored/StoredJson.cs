using System.Text.Json;
using System.Text.Json.Serialization;
using Cairn.Core.Checksums;
using Cairn.Core.Model;

namespace Cairn.Storage.Stored;

/// <summary>
/// The JSON columns: object headers, user metadata and checksum maps. Field names and enum spellings are fixed here
/// and in <see cref="StoredNames"/>, never taken from Core's property or enum names.
/// </summary>
internal static class StoredJson
{
    public static string Headers(ObjectHeaders headers) => JsonSerializer.Serialize(new StoredHeaders
    {
        ContentType = headers.ContentType,
        ContentEncoding = headers.ContentEncoding,
        ContentDisposition = headers.ContentDisposition,
        ContentLanguage = headers.ContentLanguage,
        CacheControl = headers.CacheControl,
        Expires = headers.Expires,
        StorageClass = headers.StorageClass,
    });

    public static ObjectHeaders Headers(string? json) => json is null || JsonSerializer.Deserialize<StoredHeaders>(json) is not { } stored
        ? new ObjectHeaders()
        : new ObjectHeaders
        {
            ContentType = stored.ContentType,
            ContentEncoding = stored.ContentEncoding,
            ContentDisposition = stored.ContentDisposition,
            ContentLanguage = stored.ContentLanguage,
            CacheControl = stored.CacheControl,
            Expires = stored.Expires,
            StorageClass = stored.StorageClass,
        };

    public static string Metadata(IReadOnlyDictionary<string, string> metadata) => JsonSerializer.Serialize(metadata);

    public static Dictionary<string, string> Metadata(string? json) =>
        (json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json)) ?? [];

    public static string Checksums(IReadOnlyDictionary<ChecksumAlgorithm, string> checksums) =>
        JsonSerializer.Serialize(checksums.ToDictionary(c => StoredNames.Of(c.Key), c => c.Value));

    public static Dictionary<ChecksumAlgorithm, string>? NullableChecksums(string? json) =>
        (json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json))
            ?.ToDictionary(c => StoredNames.ParseAlgorithm(c.Key), c => c.Value);

    public static Dictionary<ChecksumAlgorithm, string> Checksums(string? json) => NullableChecksums(json) ?? [];

    /// <summary>The headers column's shape; its field names are part of the schema.</summary>
    private sealed class StoredHeaders
    {
        [JsonPropertyName("ContentType")]
        public string? ContentType { get; init; }

        [JsonPropertyName("ContentEncoding")]
        public string? ContentEncoding { get; init; }

        [JsonPropertyName("ContentDisposition")]
        public string? ContentDisposition { get; init; }

        [JsonPropertyName("ContentLanguage")]
        public string? ContentLanguage { get; init; }

        [JsonPropertyName("CacheControl")]
        public string? CacheControl { get; init; }

        [JsonPropertyName("Expires")]
        public string? Expires { get; init; }

        [JsonPropertyName(StoredNames.StorageClassField)]
        public string? StorageClass { get; init; }
    }
}
