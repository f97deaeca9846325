using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Sqlite.Migrations;
using Cairn.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>
/// A database written at any earlier schema version opens with the current store, reaches the current version and
/// reads every row back as it was written, in the spellings that version's server wrote.
/// </summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string PublicReadJson = """[{"type":"group","value":"http://acs.amazonaws.com/groups/global/AllUsers","permission":"READ"}]""";

    private readonly TempDirectory _directory = new();

    public static TheoryData<int> EveryVersion => new(SchemaSteps.All.Select(s => s.Version));

    private string DatabasePath => Path.Combine(_directory.Path, "cairn.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public void Steps_are_numbered_one_after_another()
    {
        Assert.Equal(Enumerable.Range(1, SchemaSteps.All.Count), SchemaSteps.All.Select(s => s.Version));
        Assert.Equal(SchemaSteps.All.Count, SchemaSteps.CurrentVersion);
    }

    [Theory]
    [MemberData(nameof(EveryVersion))]
    public async Task A_database_at_each_version_opens_reaches_the_current_version_and_reads_every_row(int version)
    {
        CreateDatabase(version);

        using (var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System))
        {
            await AssertRowsReadBack(store, version);
        }

        Assert.Equal(SchemaSteps.CurrentVersion, UserVersion());
        using var reopened = new SqliteMetadataStore(DatabasePath, TimeProvider.System);
        await AssertRowsReadBack(reopened, version);
    }

    [Fact]
    public async Task A_version_1_database_is_migrated_and_keeps_its_multipart_objects()
    {
        CreateDatabase(1);

        using (var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System))
        {
            var old = await store.GetObjectAsync("b", "multipart", None);
            Assert.NotNull(old);
            Assert.Equal(2, old.PartsCount);
            Assert.Equal([1, 2], old.Segments.Select(s => s.PartNumber!.Value));
            Assert.All(old.Segments, s => Assert.Null(s.PartChecksums));

            var fresh = old with
            {
                Key = "with-part-checksums",
                Segments = [new Segment(new string('c', 32), 0, 5, 1, "e1", new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32] = "AAAAAA==" })],
            };
            await store.PutObjectAsync(fresh, None);
        }

        Assert.Equal(SchemaSteps.CurrentVersion, UserVersion());
        using var reopened = new SqliteMetadataStore(DatabasePath, TimeProvider.System);
        var stored = await reopened.GetObjectAsync("b", "with-part-checksums", None);
        Assert.Equal("AAAAAA==", stored!.Segments.Single().PartChecksums![ChecksumAlgorithm.Crc32]);
    }

    [Fact]
    public async Task Root_keys_from_before_version_5_count_as_configured_and_are_retired_by_a_new_configured_key()
    {
        CreateDatabase(4);
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO access_keys (access_key_id, secret, user_id, status, expires_at, created_at)
                    VALUES ('AKOLDROOT', 'old-secret', 'root', 'active', NULL, 1700000000008);
                """;
            command.ExecuteNonQuery();
        }

        using var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System);
        var identities = new SqliteIdentityStore(store, TimeProvider.System);
        Assert.True(await identities.EnsureRootAsync("AKNEWROOT", "new-secret", None));

        Assert.Equal(IdentityStatus.Inactive, (await identities.FindAccessKeyAsync("AKOLDROOT", None))!.Key.Status);
        Assert.True((await identities.FindAccessKeyAsync("AKNEWROOT", None))!.IsUsableAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task What_the_store_writes_today_is_spelled_as_earlier_versions_spelled_it()
    {
        using (var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System))
        {
            await store.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);
            await store.PutObjectAsync(new ObjectRecord
            {
                Bucket = "b",
                Key = "k",
                Size = 5,
                ETag = "e-2",
                LastModified = DateTimeOffset.UnixEpoch,
                Headers = new ObjectHeaders { StorageClass = "STANDARD_IA" },
                Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Nvme] = "AAAAAAAAAAA=" },
                ChecksumType = ChecksumType.FullObject,
                InlineContent = [1, 2, 3, 4, 5],
            }, None);
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(headers, '$.StorageClass'), checksums, checksum_type FROM objects";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("STANDARD_IA", reader.GetString(0));
        Assert.Equal("""{"Crc64Nvme":"AAAAAAAAAAA="}""", reader.GetString(1));
        Assert.Equal("FULL_OBJECT", reader.GetString(2));
    }

    /// <summary>Representative rows of every table, as the server at <paramref name="version"/> wrote them.</summary>
    private void CreateDatabase(int version)
    {
        using var connection = Open();
        SchemaSteps.ApplyUpTo(connection, version);
        var partChecksumsColumn = version >= 2 ? ", part_checksums" : string.Empty;
        var partChecksums = version >= 2 ? """, '{"Crc64Nvme":"AAAAAAAAAAE="}'""" : string.Empty;
        // Before version 3 the owner was the signing access key id (only root keys existed); from 3 on, a user id.
        var owner = version >= 3 ? "alice-id" : "AKROOTKEY";
        var users = version >= 3
            ? """
              INSERT INTO users (id, name, status, created_at) VALUES ('alice-id', 'alice', 'active', 1700000000006);
              INSERT INTO access_keys (access_key_id, secret, user_id, status, expires_at, created_at)
                  VALUES ('AKALICE', 'alice-secret', 'alice-id', 'inactive', 1800000000000, 1700000000007);
              """
            : string.Empty;
        var leases = version >= 4
            ? "INSERT INTO leases (name, holder, expires_at) VALUES ('blob-orphan-sweep', 'node-a', 4102444800000);"
            : string.Empty;
        var accessControl = version >= 5
            ? $"""
              UPDATE objects SET acl = '{PublicReadJson}' WHERE key = 'plain';
              UPDATE uploads SET acl = '{PublicReadJson}' WHERE upload_id = 'u1';
              INSERT INTO bucket_settings (bucket, name, document) VALUES ('b', 'ownership-controls', 'BucketOwnerEnforced');
              INSERT INTO user_policies (user_id, name, document) VALUES ('alice-id', 'read-only', '{"{}"}');
              """
            : string.Empty;
        var roles = version >= 6
            ? """
              INSERT INTO roles (id, name, owner_id, trust_policy, max_session_seconds, description, created_at)
                  VALUES ('AROAUPLOADER', 'Uploader', 'alice-id', '{"Statement":[]}', 7200, 'phones', 1700000000009);
              INSERT INTO role_policies (role_id, name, document) VALUES ('AROAUPLOADER', 'write', '{}');
              """
            : string.Empty;
        var tags = version >= 7
            ? """
              UPDATE objects SET tags = '[["project","cairn"],["tier","gold"]]' WHERE key = 'plain';
              UPDATE uploads SET tags = '[["k","v"]]' WHERE upload_id = 'u1';
              """
            : string.Empty;
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            INSERT INTO buckets (name, owner, created_at) VALUES ('b', '{{owner}}', 1700000000000);
            INSERT INTO objects (id, bucket, key, size, etag, last_modified, headers, user_metadata, checksums, checksum_type, owner, parts_count, inline_data)
                VALUES (1, 'b', 'multipart', 10, 'abc-2', 1700000000001, NULL, NULL, '{"Crc64Nvme":"AAAAAAAAAAI="}', 'FULL_OBJECT', '{{owner}}', 2, NULL),
                       (2, 'b', 'plain', 5, 'd41d8cd98f00b204e9800998ecf8427e', 1700000000002,
                        '{"ContentType":"text/plain","ContentEncoding":null,"ContentDisposition":null,"ContentLanguage":"en","CacheControl":null,"Expires":null,"StorageClass":"STANDARD_IA"}',
                        '{"color":"blue"}', '{"Crc32":"DUoRhQ==","Sha256":"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="}', NULL, '{{owner}}', NULL, x'68656c6c6f');
            INSERT INTO segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag{{partChecksumsColumn}})
                VALUES (1, 0, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 5, 1, 'e1'{{partChecksums}}),
                       (1, 1, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 0, 5, 2, 'e2'{{partChecksums}});
            INSERT INTO uploads (upload_id, bucket, key, initiated_at, owner, headers, user_metadata, checksum_algorithm, checksum_type)
                VALUES ('u1', 'b', 'up', 1700000000003, '{{owner}}', '{"ContentType":"application/json","StorageClass":null}', '{"x":"y"}', 'Sha256', 'COMPOSITE');
            INSERT INTO parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified)
                VALUES ('u1', 1, 'cccccccccccccccccccccccccccccccc', 7, 'p1', '{"Sha256":"Kq5sNclPz7QV2+lfQIuc6R7oRu0AAAAAAAAAAAAAAAA="}', 1700000000004);
            INSERT INTO garbage (blob_id, queued_at, doomed) VALUES ('dddddddddddddddddddddddddddddddd', 0, 0);
            INSERT INTO completed_uploads (upload_id, bucket, key, etag, part_list_hash, completed_at, checksums, checksum_type)
                VALUES ('u0', 'b', 'multipart', 'abc-2', 'hash', 1700000000005, '{"Crc32C":"yZRlqg==-2"}', 'COMPOSITE');
            {{users}}
            {{leases}}
            {{accessControl}}
            {{roles}}
            {{tags}}
            """;
        command.ExecuteNonQuery();
    }

    private static async Task AssertRowsReadBack(SqliteMetadataStore store, int version)
    {
        // What an access key owned before version 3 belongs to the root user from then on.
        var owner = version >= 3 ? "alice-id" : User.RootId;
        Assert.Equal(new BucketRecord("b", owner, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)), await store.GetBucketAsync("b", None));

        var plain = await store.GetObjectAsync("b", "plain", None);
        Assert.NotNull(plain);
        Assert.Equal(new ObjectHeaders { ContentType = "text/plain", ContentLanguage = "en", StorageClass = "STANDARD_IA" }, plain.Headers);
        Assert.Equal("blue", Assert.Single(plain.UserMetadata, m => m.Key == "color").Value);
        Assert.Equal("DUoRhQ==", plain.Checksums[ChecksumAlgorithm.Crc32]);
        Assert.Equal("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=", plain.Checksums[ChecksumAlgorithm.Sha256]);
        Assert.Null(plain.ChecksumType);
        Assert.Equal("hello"u8.ToArray(), plain.InlineContent);
        Assert.Equal(owner, plain.Owner);

        var multipart = await store.GetObjectAsync("b", "multipart", None);
        Assert.NotNull(multipart);
        Assert.Equal(ChecksumType.FullObject, multipart.ChecksumType);
        Assert.Equal("AAAAAAAAAAI=", multipart.Checksums[ChecksumAlgorithm.Crc64Nvme]);
        Assert.Equal(new ObjectHeaders(), multipart.Headers);
        Assert.Equal(["e1", "e2"], multipart.Segments.Select(s => s.PartETag));
        Assert.All(multipart.Segments, s => Assert.Equal(
            version >= 2 ? "AAAAAAAAAAE=" : null, s.PartChecksums?[ChecksumAlgorithm.Crc64Nvme]));

        var listed = await store.ListObjectsAsync("b", "", null, null, 10, None);
        Assert.Equal(["multipart", "plain"], listed.Objects.Select(o => o.Key));
        Assert.Equal("STANDARD_IA", listed.Objects[1].Headers.StorageClass);
        Assert.Equal([ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Sha256], listed.Objects[1].Checksums.Keys.Order());
        Assert.Equal([ChecksumAlgorithm.Crc64Nvme], listed.Objects[0].Checksums.Keys);

        var upload = await store.GetUploadAsync("u1", None);
        Assert.NotNull(upload);
        Assert.Equal(ChecksumAlgorithm.Sha256, upload.ChecksumAlgorithm);
        Assert.Equal(ChecksumType.Composite, upload.ChecksumType);
        Assert.Equal("application/json", upload.Headers.ContentType);
        Assert.Equal("y", upload.UserMetadata["x"]);
        Assert.Equal(owner, upload.Owner);
        var part = Assert.Single((await store.ListPartsAsync("u1", 0, 10, None))!.Parts);
        Assert.Equal("Kq5sNclPz7QV2+lfQIuc6R7oRu0AAAAAAAAAAAAAAAA=", part.Checksums[ChecksumAlgorithm.Sha256]);
        Assert.Equal(7, part.Size);

        var done = await store.GetCompletedUploadAsync("u0", None);
        Assert.NotNull(done);
        Assert.Equal(ChecksumType.Composite, done.ChecksumType);
        Assert.Equal("yZRlqg==-2", done.Checksums[ChecksumAlgorithm.Crc32C]);
        Assert.Equal("hash", done.PartListHash);

        Assert.Equal(["dddddddddddddddddddddddddddddddd"], await store.GetGarbageAsync(TimeSpan.Zero, 10, None));

        var identities = new SqliteIdentityStore(store, TimeProvider.System);
        Assert.Equal(User.RootName, (await identities.FindUserAsync(User.RootId, None))!.Name);
        // The root key is not in the database until the server adds it from its configuration.
        Assert.Null(await identities.FindAccessKeyAsync("AKROOTKEY", None));
        if (version >= 3)
        {
            var alice = await identities.FindAccessKeyAsync("AKALICE", None);
            Assert.NotNull(alice);
            Assert.Equal(("alice-id", "alice", "alice-secret"), (alice.User.Id, alice.User.Name, alice.Key.Secret));
            Assert.Equal(IdentityStatus.Inactive, alice.Key.Status);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000), alice.Key.ExpiresAt);
        }

        // Version 5 added ACLs, bucket settings and user policies; rows from before have none.
        var expectedAcl = version >= 5 ? AclJson.Read(PublicReadJson) : null;
        Assert.Equal(expectedAcl, plain.Acl);
        Assert.Null(multipart.Acl);
        Assert.Equal(expectedAcl, upload.Acl);
        var settings = await store.GetBucketSettingsAsync("b", None);
        Assert.Equal(version >= 5 ? "BucketOwnerEnforced" : null, settings!.Get(BucketSettingNames.OwnershipControls));
        Assert.Equal(version >= 5 ? ["read-only"] : [], (await identities.ListUserPoliciesAsync("alice-id", None)).Select(p => p.Name));

        // Version 6 added roles and their policies.
        var role = await identities.FindRoleByNameAsync("uploader", None);
        Assert.Equal(version >= 6
            ? new Role("AROAUPLOADER", "Uploader", "alice-id", """{"Statement":[]}""", TimeSpan.FromHours(2), "phones", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_009))
            : null, role);
        Assert.Equal(version >= 6 ? ["write"] : [], (await identities.ListRolePoliciesAsync("AROAUPLOADER", None)).Select(p => p.Name));

        // Version 7 added object and upload tags; rows from before have none.
        Assert.Equal(version >= 7 ? new TagSet([new Tag("project", "cairn"), new Tag("tier", "gold")]) : TagSet.Empty, plain.Tags);
        Assert.True(multipart.Tags.IsEmpty);
        Assert.Equal(version >= 7 ? new TagSet([new Tag("k", "v")]) : TagSet.Empty, upload.Tags);

        // From version 4 node-a holds the sweep lease until 2100; before it there were no leases, so it is free
        // (and, on the second read, already node-b's).
        Assert.Equal(version < 4, await store.TryAcquireAsync("blob-orphan-sweep", "node-b", TimeSpan.FromMinutes(1), None));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    private long UserVersion()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
