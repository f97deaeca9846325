using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.Client.Iam;
using Cairn.Client.Tests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.Client.Tests.Cli;

/// <summary>
/// <c>cairn admin verify [--repair]</c> against a real server: a clean store exits 0; an orphan blob file older than
/// the orphan grace and an object whose blob file was deleted are reported (exit 4) and repaired; a young unreferenced
/// file is left alone; a user no policy allows it is refused.
/// </summary>
public sealed class CliVerifyTests(CliVerifyTests.Server server) : IClassFixture<CliVerifyTests.Server>
{
    private const int FaultsFound = 4;

    /// <summary>Bigger than what is stored inline in the metadata, so the object's content is a blob file.</summary>
    private static readonly byte[] Body = new byte[100 * 1024];

    [Fact]
    public async Task A_store_whose_blobs_and_rows_match_verifies_clean()
    {
        var bucket = await server.CreateBucketAsync();
        await PutAsync(bucket, "one");
        await PutAsync(bucket, "two");
        var environment = CliEnvironment.For(server);

        var text = await CliProcess.RunAsync(environment, ["admin", "verify"]);
        var json = await CliProcess.RunAsync(environment, ["admin", "verify", "--json"]);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("verify: clean", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(0, json.Json.GetProperty("faultsRemaining").GetInt64());
        Assert.True(json.Json.GetProperty("referencedBlobs").GetInt64() >= 2);
    }

    [Fact]
    public async Task An_orphan_blob_and_an_object_without_its_blob_are_reported_then_repaired()
    {
        var bucket = await server.CreateBucketAsync();
        var before = server.BlobFiles();
        await PutAsync(bucket, "broken");
        var brokenBlob = Assert.Single(server.BlobFiles().Except(before));
        await PutAsync(bucket, "healthy");
        File.Delete(server.BlobPath(brokenBlob));
        var orphan = server.PlantBlob(writtenAgo: TimeSpan.FromHours(2));
        var young = server.PlantBlob(writtenAgo: TimeSpan.Zero);
        var environment = CliEnvironment.For(server);

        var found = await CliProcess.RunAsync(environment, ["admin", "verify", "--json"]);
        var text = await CliProcess.RunAsync(environment, ["admin", "verify"]);
        Assert.True(File.Exists(server.BlobPath(orphan)), "a verify without --repair deletes nothing");
        var repaired = await CliProcess.RunAsync(environment, ["admin", "verify", "--repair"]);
        var after = await CliProcess.RunAsync(environment, ["admin", "verify", "--json"]);

        Assert.True(found.ExitCode == FaultsFound, found.ToString());
        var orphans = found.Json.GetProperty("orphanBlobs").GetProperty("items").EnumerateArray().Select(o => o.GetProperty("blobId").GetString()).ToList();
        Assert.Equal([orphan], orphans);
        var missing = Assert.Single(found.Json.GetProperty("missingBlobs").GetProperty("items").EnumerateArray());
        Assert.Equal((brokenBlob, bucket, "broken"), (missing.GetProperty("blobId").GetString(), missing.GetProperty("bucket").GetString(), missing.GetProperty("key").GetString()));
        Assert.Equal(FaultsFound, text.ExitCode);
        Assert.Contains(orphan, text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"s3://{bucket}/broken", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("--repair", text.Stderr, StringComparison.Ordinal);

        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.Contains($"{orphan} (written", repaired.Stdout, StringComparison.Ordinal);
        Assert.Contains($"s3://{bucket}/broken removed", repaired.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(server.BlobPath(orphan)));
        Assert.True(File.Exists(server.BlobPath(young)), "a young unreferenced file may be a write in flight");
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(bucket, "broken"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(bucket, "healthy"));
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(after.Json.GetProperty("youngUnreferencedBlobs").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_user_no_policy_allows_to_verify_is_refused()
    {
        using var iam = new IamClient(server.Connection());
        var name = "verify-" + Guid.NewGuid().ToString("N")[..8];
        await iam.CreateUserAsync(name);
        var key = await iam.CreateAccessKeyAsync(name);
        var environment = CliEnvironment.For(server)
            .With("AWS_ACCESS_KEY_ID", key.AccessKeyId)
            .With("AWS_SECRET_ACCESS_KEY", key.SecretAccessKey);

        var refused = await CliProcess.RunAsync(environment, ["admin", "verify", "--repair", "--json"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("AccessDenied", refused.Json.GetProperty("code").GetString());
    }

    private async Task PutAsync(string bucket, string key)
    {
        using var s3 = server.CreateClient();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(Body) });
    }

    private async Task<HttpStatusCode> StatusOfAsync(string bucket, string key)
    {
        using var s3 = server.CreateClient();
        try
        {
            return (await s3.GetObjectMetadataAsync(bucket, key)).HttpStatusCode;
        }
        catch (AmazonS3Exception e)
        {
            return e.StatusCode;
        }
    }

    /// <summary>
    /// A server whose garbage collector does not sweep during the tests (its first pass is a day away), so the files
    /// planted here meet the verify, not the collector.
    /// </summary>
    public sealed class Server : CairnServerFixture
    {
        private string Blobs => Path.Combine(DataDirectory, "blobs");

        protected override void Configure(CairnOptions options) => options.GarbageCollectionInterval = TimeSpan.FromDays(1);

        public IReadOnlyList<string> BlobFiles() =>
            Directory.EnumerateFiles(Blobs, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().ToList();

        public string BlobPath(string blobId) => Path.Combine(Blobs, blobId[..2], blobId[2..4], blobId);

        /// <summary>A blob file no row references, as a crash between writing it and committing its row leaves one.</summary>
        public string PlantBlob(TimeSpan writtenAgo)
        {
            var blobId = Guid.NewGuid().ToString("N");
            var path = BlobPath(blobId);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, [1, 2, 3]);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - writtenAgo);
            return blobId;
        }
    }
}
