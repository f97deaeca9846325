using Cairn.Core.Checksums;
using Cairn.Core.Identity;
using Cairn.Core.Model;
using Cairn.Storage.Sqlite;
using Cairn.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cairn.Storage.Tests.Sqlite;

/// <summary>A database written by an earlier schema version opens, keeps its data and gains the new columns.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "cairn.db");

    [Fact]
    public async Task A_version_1_database_is_migrated_and_keeps_its_multipart_objects()
    {
        CreateVersion1Database();

        using (var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System))
        {
            var old = await store.GetObjectAsync("b", "multipart", CancellationToken.None);
            Assert.NotNull(old);
            Assert.Equal(2, old.PartsCount);
            Assert.Equal([1, 2], old.Segments.Select(s => s.PartNumber!.Value));
            Assert.All(old.Segments, s => Assert.Null(s.PartChecksums));

            var fresh = old with
            {
                Key = "with-part-checksums",
                Segments = [new Segment(new string('c', 32), 0, 5, 1, "e1", new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32] = "AAAAAA==" })],
            };
            await store.PutObjectAsync(fresh, CancellationToken.None);
        }

        Assert.Equal(SqliteSchema.CurrentVersion, UserVersion());
        using var reopened = new SqliteMetadataStore(DatabasePath, TimeProvider.System);
        var stored = await reopened.GetObjectAsync("b", "with-part-checksums", CancellationToken.None);
        Assert.Equal("AAAAAA==", stored!.Segments.Single().PartChecksums![ChecksumAlgorithm.Crc32]);
    }

    [Fact]
    public async Task A_version_2_database_gives_what_the_root_key_owned_to_the_root_user()
    {
        CreateVersion2DatabaseOwnedBy("AKROOTKEY");

        using (var store = new SqliteMetadataStore(DatabasePath, TimeProvider.System))
        {
            var identities = new SqliteIdentityStore(store, TimeProvider.System);
            Assert.Equal(User.RootName, (await identities.FindUserAsync(User.RootId, CancellationToken.None))!.Name);
            Assert.Equal(User.RootId, Assert.Single(await store.ListBucketsAsync(CancellationToken.None)).Owner);
            Assert.Equal(User.RootId, (await store.GetObjectAsync("b", "k", CancellationToken.None))!.Owner);
            Assert.Equal(User.RootId, (await store.GetUploadAsync("u1", CancellationToken.None))!.Owner);
            var listed = await store.ListObjectsAsync("b", "", null, null, 10, CancellationToken.None);
            Assert.Equal(User.RootId, Assert.Single(listed.Objects).Owner);

            // The root key is not in the database until the server adds it from its configuration.
            Assert.Null(await identities.FindAccessKeyAsync("AKROOTKEY", CancellationToken.None));
            Assert.True(await identities.EnsureRootAsync("AKROOTKEY", "secret", CancellationToken.None));
            Assert.Equal(User.RootId, (await identities.FindAccessKeyAsync("AKROOTKEY", CancellationToken.None))!.User.Id);
        }

        Assert.Equal(SqliteSchema.CurrentVersion, UserVersion());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private void CreateVersion1Database()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Version1 + """
            PRAGMA user_version = 1;
            INSERT INTO buckets (name, owner, created_at) VALUES ('b', 'owner', 0);
            INSERT INTO objects (id, bucket, key, size, etag, last_modified, owner, parts_count)
                VALUES (1, 'b', 'multipart', 10, 'abc-2', 0, 'owner', 2);
            INSERT INTO segments (object_id, seq, blob_id, blob_offset, length, part_number, part_etag)
                VALUES (1, 0, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 5, 1, 'e1'),
                       (1, 1, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 0, 5, 2, 'e2');
            """;
        command.ExecuteNonQuery();
    }

    private void CreateVersion2DatabaseOwnedBy(string accessKeyId)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Version1 + SqliteSchema.Version2 + """
            PRAGMA user_version = 2;
            INSERT INTO buckets (name, owner, created_at) VALUES ('b', $owner, 0);
            INSERT INTO objects (id, bucket, key, size, etag, last_modified, owner, inline_data)
                VALUES (1, 'b', 'k', 2, 'e', 0, $owner, x'6869');
            INSERT INTO uploads (upload_id, bucket, key, initiated_at, owner) VALUES ('u1', 'b', 'k', 0, $owner);
            """;
        command.Parameters.AddWithValue("$owner", accessKeyId);
        command.ExecuteNonQuery();
    }

    private long UserVersion()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
