using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Core.Identity;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace Cairn.IntegrationTests.Identity;

/// <summary>
/// The root key across restarts: the configuration decides it (a changed key replaces the old one), and a data
/// directory written before users existed keeps its buckets, now owned by the root user.
/// </summary>
public sealed class RootKeyTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-it-root-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_changed_root_key_works_and_the_old_one_is_refused()
    {
        var options = CairnServerFixture.TestOptions(_dataDirectory);
        var oldKey = options.RootUser!;
        await using (var first = await CairnHost.StartAsync(options))
        {
            using var client = CairnServerFixture.CreateClient(first);
            await client.PutBucketAsync(new PutBucketRequest { BucketName = "kept" });
        }

        options = CairnServerFixture.TestOptions(_dataDirectory);
        options.RootUser = "cairn-test-root-2";
        options.RootPassword = "cairn-test-secret-2-0123456789";
        await using var second = await CairnHost.StartAsync(options);

        using var renewed = CairnServerFixture.CreateClient(second);
        var buckets = await renewed.ListBucketsAsync();
        Assert.Equal(["kept"], buckets.Buckets.Select(b => b.BucketName));
        Assert.Equal(User.RootId, buckets.Owner.Id);
        using var stale = ClientWith(second, oldKey, CairnServerFixture.TestOptions(_dataDirectory).RootPassword!);
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => stale.ListBucketsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidAccessKeyId", error.ErrorCode);
    }

    [Fact]
    public async Task A_version_2_data_directory_keeps_its_buckets_objects_and_uploads_under_the_root_user()
    {
        // A version 2 data directory is an embedded database of that version.
        var options = TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory));
        string uploadId;
        await using (var first = await CairnHost.StartAsync(options))
        {
            using var client = CairnServerFixture.CreateClient(first);
            await client.PutBucketAsync(new PutBucketRequest { BucketName = "legacy" });
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "legacy", Key = "k", ContentBody = "kept" });
            uploadId = (await client.InitiateMultipartUploadAsync("legacy", "big")).UploadId;
        }

        DowngradeToVersion2(options.RootUser!);

        await using var second = await CairnHost.StartAsync(TestMetadata.Embedded(CairnServerFixture.TestOptions(_dataDirectory)));
        using var again = CairnServerFixture.CreateClient(second);
        var buckets = await again.ListBucketsAsync();
        Assert.Equal(["legacy"], buckets.Buckets.Select(b => b.BucketName));
        var listed = await again.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "legacy", FetchOwner = true });
        Assert.Equal(User.RootId, Assert.Single(listed.S3Objects).Owner.Id);
        using (var got = await again.GetObjectAsync("legacy", "k"))
        using (var reader = new StreamReader(got.ResponseStream))
        {
            Assert.Equal("kept", await reader.ReadToEndAsync());
        }

        var uploads = await again.ListMultipartUploadsAsync("legacy");
        var upload = Assert.Single(uploads.MultipartUploads);
        Assert.Equal(uploadId, upload.UploadId);
        Assert.Equal(User.RootId, upload.Initiator.Id);
        Assert.Equal(User.RootName, upload.Owner.DisplayName);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// Turns the stopped server's database into what version 2 wrote: no identity tables, no leases, and every owner
    /// the root access key id (version 3 only added the two tables and rewrote owners, version 4 added leases; the
    /// later versions' access-control and role tables and columns, and the tags columns, go too).
    /// </summary>
    private void DowngradeToVersion2(string rootAccessKeyId)
    {
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, CairnHost.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE role_policies;
                DROP TABLE roles;
                DROP TABLE user_policies;
                DROP TABLE bucket_settings;
                DROP INDEX buckets_by_owner;
                ALTER TABLE objects DROP COLUMN acl;
                ALTER TABLE uploads DROP COLUMN acl;
                ALTER TABLE objects DROP COLUMN tags;
                ALTER TABLE uploads DROP COLUMN tags;
                DROP TABLE leases;
                DROP TABLE access_keys;
                DROP TABLE users;
                UPDATE buckets SET owner = $key;
                UPDATE objects SET owner = $key;
                UPDATE uploads SET owner = $key;
                PRAGMA user_version = 2;
                """;
            command.Parameters.AddWithValue("$key", rootAccessKeyId);
            command.ExecuteNonQuery();
        }
    }

    private static AmazonS3Client ClientWith(CairnHost host, string accessKey, string secret) =>
        new(new BasicAWSCredentials(accessKey, secret),
            new AmazonS3Config { ServiceURL = host.BaseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
