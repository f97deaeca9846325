using System.Data.Common;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Model;
using Cairn.Core.Tagging;

namespace Cairn.Storage.Stored;

/// <summary>
/// The rows both metadata stores keep, read back as records: the column lists they select and the mapping of each
/// from any ADO.NET reader, in one place, so that the embedded and the PostgreSQL store cannot read a row differently.
/// Times are Unix milliseconds in both.
/// </summary>
internal static class StoredRows
{
    /// <summary>An object row; <c>id</c> first, for reading its segments.</summary>
    public const string ObjectColumns =
        "id, bucket, key, size, etag, last_modified, headers, user_metadata, checksums, checksum_type, owner, parts_count, inline_data, acl, tags";

    /// <summary>How many columns <see cref="ObjectColumns"/> selects (a reader's columns after them are the caller's).</summary>
    public const int ObjectColumnCount = 15;

    public const string SegmentColumns = "blob_id, blob_offset, length, part_number, part_etag, part_checksums";

    public const string BucketColumns = "name, owner, created_at";

    public const string UploadColumns =
        "upload_id, bucket, key, initiated_at, owner, headers, user_metadata, checksum_algorithm, checksum_type, acl, tags";

    public const string PartColumns = "upload_id, part_number, blob_id, size, etag, checksums, last_modified";

    public const string CompletionColumns = "upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type";

    public const string AccessKeyColumns = "access_key_id, secret, user_id, status, expires_at, created_at";

    public const string UserColumns = "id, name, status, created_at";

    public const string UserPolicyColumns = "user_id, name, document";

    public const string RoleColumns = "id, name, owner_id, trust_policy, max_session_seconds, description, created_at";

    public const string RolePolicyColumns = "role_id, name, document";

    public static BucketRecord Bucket(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), Time(reader, 2));

    /// <summary>A row selected with <see cref="ObjectColumns"/>, without its segments.</summary>
    public static ObjectRecord Object(DbDataReader reader) => new()
    {
        Bucket = reader.GetString(1),
        Key = reader.GetString(2),
        Size = reader.GetInt64(3),
        ETag = reader.GetString(4),
        LastModified = Time(reader, 5),
        Headers = StoredJson.Headers(NullableString(reader, 6)),
        UserMetadata = StoredJson.Metadata(NullableString(reader, 7)),
        Checksums = StoredJson.Checksums(NullableString(reader, 8)),
        ChecksumType = StoredNames.ParseNullableType(NullableString(reader, 9)),
        Owner = reader.GetString(10),
        PartsCount = reader.IsDBNull(11) ? null : reader.GetInt32(11),
        InlineContent = reader.IsDBNull(12) ? null : (byte[])reader.GetValue(12),
        Acl = Acl(NullableString(reader, 13)),
        Tags = TagSetJson.Read(NullableString(reader, 14)),
    };

    public static Segment Segment(DbDataReader reader) => new(
        reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3), NullableString(reader, 4),
        StoredJson.NullableChecksums(NullableString(reader, 5)));

    public static UploadRecord Upload(DbDataReader reader) => new()
    {
        UploadId = reader.GetString(0),
        Bucket = reader.GetString(1),
        Key = reader.GetString(2),
        InitiatedAt = Time(reader, 3),
        Owner = reader.GetString(4),
        Headers = StoredJson.Headers(NullableString(reader, 5)),
        UserMetadata = StoredJson.Metadata(NullableString(reader, 6)),
        ChecksumAlgorithm = NullableString(reader, 7) is { } algorithm ? StoredNames.ParseAlgorithm(algorithm) : null,
        ChecksumType = StoredNames.ParseNullableType(NullableString(reader, 8)),
        Acl = Acl(NullableString(reader, 9)),
        Tags = TagSetJson.Read(NullableString(reader, 10)),
    };

    /// <summary>
    /// The stored form of an object's or upload's ACL (<see cref="AclJson"/>): null for the default, the owner's full
    /// control, which is never written out.
    /// </summary>
    public static string? Acl(AccessControlList? acl) => acl is null ? null : AclJson.Write(acl);

    public static PartRecord Part(DbDataReader reader) => new()
    {
        UploadId = reader.GetString(0),
        PartNumber = reader.GetInt32(1),
        BlobId = reader.GetString(2),
        Size = reader.GetInt64(3),
        ETag = reader.GetString(4),
        Checksums = StoredJson.Checksums(NullableString(reader, 5)),
        LastModified = Time(reader, 6),
    };

    public static CompletedUpload Completion(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Time(reader, 5),
            StoredJson.Checksums(NullableString(reader, 6)), StoredNames.ParseNullableType(NullableString(reader, 7)));

    /// <summary>An access key selected with <see cref="AccessKeyColumns"/>, starting at column <paramref name="first"/>.</summary>
    public static AccessKey AccessKey(DbDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        StoredIdentityStatus.Parse(reader.GetString(first + 3)),
        reader.IsDBNull(first + 4) ? null : Time(reader, first + 4),
        Time(reader, first + 5));

    /// <summary>A user selected with <see cref="UserColumns"/>, starting at column <paramref name="first"/>.</summary>
    public static User User(DbDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        Time(reader, first + 3),
        StoredIdentityStatus.Parse(reader.GetString(first + 2)));

    public static UserPolicy UserPolicy(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2));

    /// <summary>A role selected with <see cref="RoleColumns"/>.</summary>
    public static Role Role(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        TimeSpan.FromSeconds(reader.GetInt64(4)),
        reader.GetString(5),
        Time(reader, 6));

    /// <summary>How a role's maximum session duration is stored: whole seconds, as IAM gives it.</summary>
    public static long SessionSeconds(Role role) => (long)role.MaxSessionDuration.TotalSeconds;

    public static RolePolicy RolePolicy(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2));

    private static AccessControlList? Acl(string? stored) => stored is null ? null : AclJson.Read(stored);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
