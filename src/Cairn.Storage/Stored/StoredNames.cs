using Cairn.Core.Checksums;

namespace Cairn.Storage.Stored;

/// <summary>
/// The fixed spellings the database stores for Core's enums and JSON fields. They are part of the schema: they
/// never follow a C# name or a dialect's wire name, and changing one takes a numbered migration
/// (<see cref="Migrations.SchemaSteps"/>). The spellings are those schema version 1 wrote, so every existing row reads.
/// </summary>
internal static class StoredNames
{
    /// <summary>The headers JSON field that holds the storage class (listings extract it in SQL).</summary>
    public const string StorageClassField = "StorageClass";

    /// <summary>
    /// The <c>settings</c> row that holds the progress stored under <paramref name="name"/> (a background pass's
    /// cursor): prefixed, so that progress never takes the name of another setting.
    /// </summary>
    public static string Progress(string name) => "progress:" + name;

    public static string Of(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 => "Crc32",
        ChecksumAlgorithm.Crc32C => "Crc32C",
        ChecksumAlgorithm.Crc64Nvme => "Crc64Nvme",
        ChecksumAlgorithm.Sha1 => "Sha1",
        ChecksumAlgorithm.Sha256 => "Sha256",
        ChecksumAlgorithm.Crc64Xz => "Crc64Xz",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Undefined checksum algorithm."),
    };

    public static ChecksumAlgorithm ParseAlgorithm(string stored) => stored switch
    {
        "Crc32" => ChecksumAlgorithm.Crc32,
        "Crc32C" => ChecksumAlgorithm.Crc32C,
        "Crc64Nvme" => ChecksumAlgorithm.Crc64Nvme,
        "Sha1" => ChecksumAlgorithm.Sha1,
        "Sha256" => ChecksumAlgorithm.Sha256,
        "Crc64Xz" => ChecksumAlgorithm.Crc64Xz,
        _ => throw Unknown("checksum algorithm", stored),
    };

    public static string Of(ChecksumType type) => type switch
    {
        ChecksumType.Composite => "COMPOSITE",
        ChecksumType.FullObject => "FULL_OBJECT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Undefined checksum type."),
    };

    public static ChecksumType ParseType(string stored) => stored switch
    {
        "COMPOSITE" => ChecksumType.Composite,
        "FULL_OBJECT" => ChecksumType.FullObject,
        _ => throw Unknown("checksum type", stored),
    };

    public static string? Of(ChecksumType? type) => type is { } value ? Of(value) : null;

    public static ChecksumType? ParseNullableType(string? stored) => stored is null ? null : ParseType(stored);

    private static InvalidDataException Unknown(string what, string stored) =>
        new($"The metadata database holds an unknown {what} \"{stored}\".");
}
