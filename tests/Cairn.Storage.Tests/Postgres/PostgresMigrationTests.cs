using Cairn.Core.Identity;
using Cairn.Core.Model;
using Cairn.Core.Tagging;
using Cairn.Storage.Postgres;
using Cairn.Storage.Postgres.Migrations;
using Cairn.Storage.Tests.Support;
using Cairn.Tests.Shared;
using Npgsql;

namespace Cairn.Storage.Tests.Postgres;

/// <summary>
/// A node opening the shared database brings it to the current schema: from empty, again (nothing to do), several
/// nodes at once (each step exactly once), never a database a newer node migrated; and keys list in UTF-8 byte
/// order whatever the database's own collation.
/// </summary>
public sealed class PostgresMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] Tables =
    [
        "access_keys", "bucket_settings", "buckets", "cairn_schema", "completed_uploads", "garbage", "leases", "objects", "parts", "role_policies",
        "roles", "segments", "settings", "uploads", "user_policies", "users",
    ];

    private readonly List<string> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            TestPostgres.DropDatabase(database);
        }
    }

    [Fact]
    public void Steps_are_numbered_one_after_another()
    {
        Assert.Equal(Enumerable.Range(1, PgSchemaSteps.All.Count), PgSchemaSteps.All.Select(s => s.Version));
        Assert.Equal(PgSchemaSteps.All.Count, PgSchemaSteps.CurrentVersion);
    }

    [SkippableFact]
    public async Task An_empty_database_reaches_the_current_version_with_every_table()
    {
        var database = NewDatabase();

        using (await OpenAsync(database))
        {
        }

        Assert.Equal(Enumerable.Range(1, PgSchemaSteps.CurrentVersion), await AppliedStepsAsync(database));
        var tables = await QueryAsync(database,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
            reader => reader.GetString(0));
        Assert.Equal(Tables, tables);
    }

    [SkippableFact]
    public async Task Opening_a_current_database_again_changes_nothing_and_keeps_its_rows()
    {
        var database = NewDatabase();
        using (var store = await OpenAsync(database))
        {
            await store.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);
        }

        var before = await SchemaRowsAsync(database);
        using (var reopened = await OpenAsync(database))
        {
            Assert.NotNull(await reopened.GetBucketAsync("b", None));
        }

        Assert.Equal(before, await SchemaRowsAsync(database));
    }

    [SkippableFact]
    public async Task A_version_1_database_reaches_version_2_keeping_its_rows_and_its_root_keys_count_as_configured()
    {
        var database = NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await PgSchemaSteps.ApplyUpToAsync(source, 1, None);
        }

        await QueryAsync(database,
            """
            INSERT INTO buckets (name, owner, created_at) VALUES ('b', 'root', 1700000000000);
            INSERT INTO objects (bucket, key, size, etag, last_modified, owner, inline_data) VALUES ('b', 'k', 5, 'e', 1700000000001, 'root', '\x68656c6c6f');
            INSERT INTO uploads (upload_id, bucket, key, initiated_at, owner) VALUES ('u1', 'b', 'up', 1700000000002, 'root');
            INSERT INTO access_keys (access_key_id, secret, user_id, status, expires_at, created_at)
                VALUES ('AKOLDROOT', 'old-secret', 'root', 'active', NULL, 1700000000003);
            SELECT 1;
            """, reader => reader.GetInt32(0));

        using var store = await OpenAsync(database);

        Assert.Equal(Enumerable.Range(1, PgSchemaSteps.CurrentVersion), await AppliedStepsAsync(database));
        var stored = await store.GetObjectAsync("b", "k", None);
        Assert.Equal("hello"u8.ToArray(), stored!.InlineContent);
        Assert.Null(stored.Acl);
        Assert.Null((await store.GetUploadAsync("u1", None))!.Acl);
        Assert.Empty((await store.GetBucketSettingsAsync("b", None))!.Documents);
        Assert.Equal(["b"], (await store.ListBucketsOwnedByAsync("root", None)).Select(b => b.Name));
        var identities = new PostgresIdentityStore(store, TimeProvider.System);
        Assert.True(await identities.EnsureRootAsync("AKNEWROOT", "new-secret", None));
        Assert.Equal(IdentityStatus.Inactive, (await identities.FindAccessKeyAsync("AKOLDROOT", None))!.Key.Status);
    }

    [SkippableFact]
    public async Task A_version_3_database_gains_tags_keeping_its_rows_which_have_none()
    {
        var database = NewDatabase();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            await PgSchemaSteps.ApplyUpToAsync(source, 3, None);
        }

        await QueryAsync(database,
            """
            INSERT INTO buckets (name, owner, created_at) VALUES ('b', 'owner', 1700000000000);
            INSERT INTO objects (bucket, key, size, etag, last_modified, owner, inline_data) VALUES ('b', 'k', 5, 'e', 1700000000001, 'owner', '\x68656c6c6f');
            INSERT INTO uploads (upload_id, bucket, key, initiated_at, owner) VALUES ('u1', 'b', 'up', 1700000000002, 'owner');
            SELECT 1;
            """, reader => reader.GetInt32(0));

        using var store = await OpenAsync(database);

        Assert.Equal(Enumerable.Range(1, PgSchemaSteps.CurrentVersion), await AppliedStepsAsync(database));
        var old = await store.GetObjectAsync("b", "k", None);
        Assert.Equal("hello"u8.ToArray(), old!.InlineContent);
        Assert.True(old.Tags.IsEmpty);
        Assert.True((await store.GetUploadAsync("u1", None))!.Tags.IsEmpty);
        var tags = new TagSet([new Tag("project", "cairn")]);
        Assert.True(await store.SetObjectTagsAsync("b", "k", tags, None));
        Assert.Equal(tags, (await store.GetObjectAsync("b", "k", None))!.Tags);
    }

    [SkippableFact]
    public async Task Nodes_opening_one_empty_database_together_apply_every_step_exactly_once()
    {
        var database = NewDatabase();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => OpenAsync(database))));
        foreach (var store in stores)
        {
            store.Dispose();
        }

        Assert.Equal(Enumerable.Range(1, PgSchemaSteps.CurrentVersion), await AppliedStepsAsync(database));
        Assert.Equal(1, await ScalarAsync<long>(database, "SELECT count(*) FROM users"));
    }

    [SkippableFact]
    public async Task A_database_at_a_newer_version_is_refused_with_both_versions_named()
    {
        var database = NewDatabase();
        using (await OpenAsync(database))
        {
        }

        var newer = PgSchemaSteps.CurrentVersion + 1;
        await ScalarAsync<int>(database, $"INSERT INTO cairn_schema (version, description) VALUES ({newer}, 'from a newer node') RETURNING version");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(database));
        Assert.Contains($"schema version {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"newer than this server's {PgSchemaSteps.CurrentVersion}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, newer), await AppliedStepsAsync(database));
    }

    [SkippableFact]
    public async Task Keys_list_in_UTF8_byte_order_in_a_database_whose_own_collation_sorts_otherwise()
    {
        var clauses = LanguageCollationClauses();
        var database = TestPostgres.CreateDatabase("TEMPLATE template0 ENCODING 'UTF8' " + clauses);
        _databases.Add(database);
        if (clauses.Length > 0)
        {
            // The database's own order puts lowercase first: the test would be blind otherwise.
            Assert.True(await ScalarAsync<bool>(database, "SELECT 'a' < 'Z'"));
        }

        string[] keys = ["😀", "a0", "é", "a/b", "Z", "a-b", "a"];
        string[] utf8Order = ["Z", "a", "a-b", "a/b", "a0", "é", "😀"];
        Assert.Equal(utf8Order, keys.Order(Utf8Order.Instance));
        using var store = await OpenAsync(database);
        await store.CreateBucketAsync(new BucketRecord("b", "owner", DateTimeOffset.UnixEpoch), None);
        foreach (var key in keys)
        {
            await store.PutObjectAsync(new ObjectRecord { Bucket = "b", Key = key, Size = 0, ETag = "e", Owner = "owner", LastModified = DateTimeOffset.UnixEpoch }, None);
        }

        var page = await store.ListObjectsAsync("b", "", null, null, 1000, None);
        var oneByOne = new List<string>();
        for (string? after = null; ;)
        {
            var single = await store.ListObjectsAsync("b", "", null, after, 1, None);
            oneByOne.AddRange(single.Objects.Select(o => o.Key));
            if (!single.IsTruncated)
            {
                break;
            }

            after = single.NextMarker;
        }

        var rolledUp = await store.ListObjectsAsync("b", "a", "/", null, 1000, None);

        Assert.Equal(utf8Order, page.Objects.Select(o => o.Key));
        Assert.Equal(utf8Order, oneByOne);
        Assert.Equal(["a", "a-b", "a0"], rolledUp.Objects.Select(o => o.Key));
        Assert.Equal(["a/"], rolledUp.CommonPrefixes);
    }

    /// <summary>
    /// The clauses that give a new database a language collation (one that does not sort by bytes): a libc locale
    /// when the server has one, else ICU's en-US (PostgreSQL 15 and later); empty when the server offers neither.
    /// </summary>
    private static string LanguageCollationClauses()
    {
        if (TestPostgres.Admin(
                """
                SELECT collcollate FROM pg_collation
                WHERE collprovider = 'c' AND collencoding IN (-1, pg_char_to_encoding('UTF8'))
                  AND collcollate NOT IN ('C', 'POSIX') AND collcollate NOT ILIKE 'C.%'
                ORDER BY collcollate NOT ILIKE 'en_US%', collcollate LIMIT 1
                """) is string locale)
        {
            return $"LC_COLLATE '{locale}' LC_CTYPE '{locale}'";
        }

        var icu = TestPostgres.Admin(
            "SELECT current_setting('server_version_num')::int >= 150000 AND EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'en-US-x-icu')");
        return icu is true ? "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'" : string.Empty;
    }

    private string NewDatabase()
    {
        var database = TestPostgres.CreateDatabase();
        _databases.Add(database);
        return database;
    }

    private static Task<PostgresMetadataStore> OpenAsync(string database) =>
        PostgresMetadataStore.OpenAsync(database, TimeProvider.System, None);

    private static Task<List<int>> AppliedStepsAsync(string database) =>
        QueryAsync(database, "SELECT version FROM cairn_schema ORDER BY version", reader => reader.GetInt32(0));

    private static Task<List<(int, string, DateTime)>> SchemaRowsAsync(string database) =>
        QueryAsync(database, "SELECT version, description, applied_at FROM cairn_schema ORDER BY version",
            reader => (reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2)));

    private static async Task<T> ScalarAsync<T>(string database, string sql) =>
        (await QueryAsync(database, sql, reader => reader.GetFieldValue<T>(0))).Single();

    private static async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> map)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(None);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(None);
        var rows = new List<T>();
        while (await reader.ReadAsync(None))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
