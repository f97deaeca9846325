using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// A client that crashed half-way resumes from what the server knows (docs/s3-compatibility.md "Multipart uploads"): it finds its upload
/// with ListMultipartUploads, asks ListParts what arrived, sends only the missing parts and completes.
/// </summary>
public sealed class ResumeUploadTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    public ResumeUploadTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task ResumedUpload_AfterClientStateIsLost_FindsUploadAndSendsOnlyMissingParts()
    {
        var bucket = await CreateBucketAsync("mpu-resume");
        const string key = "backups/2026/db.dump";
        var parts = Enumerable.Range(1, 6)
            .Select(n => Data(n < 6 ? MinPart + (n * 1000) : 4321, seed: 200 + (ulong)n))
            .ToArray();

        // Other uploads in the same bucket: other keys (before and after in key order, one sharing the key
        // as a prefix) and a second upload of the very same key that the client never touched.
        string[] otherKeys = ["a-first.bin", "backups/2026/db.dump.old", "backups/2026/db.dum", "zz-last.bin"];
        var others = new List<(string Key, string UploadId)>();
        foreach (var otherKey in otherKeys)
        {
            others.Add((otherKey, await InitiateAsync(bucket, otherKey)));
        }

        // The client: creates the upload, sends parts 1..3, then "crashes" (its client and ids are dropped).
        using (var crashing = Fixture.CreateClient())
        {
            var lostUploadId = await InitiateAsync(bucket, key, client: crashing);
            for (var n = 1; n <= 3; n++)
            {
                await UploadPartAsync(bucket, key, lostUploadId, n, parts[n - 1], client: crashing);
            }
        }

        var sameKeyOther = await InitiateAsync(bucket, key);
        await UploadPartAsync(bucket, key, sameKeyOther, 1, Data(MinPart, seed: 299));

        // The restarted client knows only bucket and key.
        using var resumed = Fixture.CreateClient();
        var listing = await resumed.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        var uploads = listing.MultipartUploads ?? [];
        foreach (var (otherKey, otherId) in others)
        {
            Assert.Contains(uploads, u => u.Key == otherKey && u.UploadId == otherId);
        }

        Assert.Equal(otherKeys.Length + 2, uploads.Count);
        var candidates = uploads.Where(u => u.Key == key).ToList();
        Assert.Equal(2, candidates.Count);
        Assert.Contains(candidates, u => u.UploadId == sameKeyOther);

        // Uploads of one key are listed oldest first (docs/s3-compatibility.md "Multipart uploads"): the resumable one is the first.
        var uploadId = candidates[0].UploadId;
        Assert.NotEqual(sameKeyOther, uploadId);

        // An exact-key prefix finds both uploads of the key (and the one whose key extends it).
        var byPrefix = await resumed.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = key });
        Assert.Equal(
            new[] { key, key, "backups/2026/db.dump.old" },
            (byPrefix.MultipartUploads ?? []).Select(u => u.Key));

        var present = await ListAllPartsAsync(bucket, key, uploadId, client: resumed);
        Assert.Equal([1, 2, 3], present.Select(p => p.PartNumber ?? 0));
        Assert.Equal(parts.Take(3).Select(p => Quote(Md5Hex(p))), present.Select(p => p.ETag));
        Assert.Equal(parts.Take(3).Select(p => (long)p.Length), present.Select(p => p.Size ?? -1));

        var missing = Enumerable.Range(1, 6).Except(present.Select(p => p.PartNumber ?? 0)).ToList();
        Assert.Equal([4, 5, 6], missing);
        var etags = present.Select(p => (p.PartNumber!.Value, p.ETag)).ToList();
        foreach (var n in missing)
        {
            var response = await UploadPartAsync(bucket, key, uploadId, n, parts[n - 1], client: resumed);
            etags.Add((n, response.ETag));
        }

        var complete = await CompleteAsync(bucket, key, uploadId, etags.OrderBy(p => p.Item1), client: resumed);
        Assert.Equal(ExpectedMultipartETag(parts), complete.ETag);
        Assert.Equal(Concat(parts), await GetBytesAsync(bucket, key));

        // The other uploads are untouched, including the other one of the same key.
        var after = await resumed.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        Assert.Equal(
            others.Select(o => o.UploadId).Append(sameKeyOther).Order(StringComparer.Ordinal),
            (after.MultipartUploads ?? []).Select(u => u.UploadId).Order(StringComparer.Ordinal));
        Assert.Single(await ListAllPartsAsync(bucket, key, sameKeyOther, client: resumed));
    }
}
