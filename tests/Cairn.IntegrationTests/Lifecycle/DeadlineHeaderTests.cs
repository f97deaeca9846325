using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Lifecycle;

/// <summary>
/// The deadlines a client sees: x-amz-expiration on PutObject, CopyObject, CompleteMultipartUpload, GetObject and
/// HeadObject of an object a rule will expire, x-amz-abort-date and x-amz-abort-rule-id on CreateMultipartUpload and
/// ListParts; each is the last modification (initiation) plus the rule's days, rounded up to the next UTC midnight.
/// </summary>
public sealed class DeadlineHeaderTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int ExpireDays = 3;
    private const int AbortDays = 2;

    public DeadlineHeaderTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Put_get_head_copy_and_complete_show_when_the_object_expires()
    {
        var bucket = await BucketWithRulesAsync("lc-expiry");

        var put = await PutTextAsync(bucket, "logs/a.txt", "expires");
        var head = await S3.GetObjectMetadataAsync(bucket, "logs/a.txt");
        using var get = await S3.GetObjectAsync(bucket, "logs/a.txt");
        var copy = await S3.CopyObjectAsync(bucket, "logs/a.txt", bucket, "logs/copy.txt");
        var copied = await S3.GetObjectMetadataAsync(bucket, "logs/copy.txt");

        var expected = Expiry(head.LastModified!.Value, ExpireDays);
        Assert.Equal(expected, put.Expiration.ExpiryDate.ToUniversalTime());
        Assert.Equal("expire-logs", put.Expiration.RuleId);
        Assert.Equal(expected, head.Expiration.ExpiryDate.ToUniversalTime());
        Assert.Equal(expected, get.Expiration.ExpiryDate.ToUniversalTime());
        Assert.Equal("expire-logs", get.Expiration.RuleId);
        Assert.Equal(Expiry(copied.LastModified!.Value, ExpireDays), copy.Expiration.ExpiryDate.ToUniversalTime());

        var upload = await S3.InitiateMultipartUploadAsync(bucket, "logs/big.bin");
        var part = await S3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = "logs/big.bin", UploadId = upload.UploadId, PartNumber = 1, InputStream = new MemoryStream([1, 2, 3]),
        });
        var complete = await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = "logs/big.bin", UploadId = upload.UploadId, PartETags = [new PartETag(1, part.ETag)],
        });
        var completed = await S3.GetObjectMetadataAsync(bucket, "logs/big.bin");
        Assert.Equal(Expiry(completed.LastModified!.Value, ExpireDays), complete.Expiration.ExpiryDate.ToUniversalTime());
    }

    [Fact]
    public async Task The_expiration_header_has_S3s_form()
    {
        var bucket = await BucketWithRulesAsync("lc-form");
        await PutTextAsync(bucket, "logs/b.txt", "x");

        using var head = await Raw.SendAsync(HttpMethod.Head, RawS3Client.ObjectPath(bucket, "logs/b.txt"));

        var lastModified = head.Content.Headers.LastModified!.Value;
        var date = Expiry(lastModified.UtcDateTime, ExpireDays).ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal($"expiry-date=\"{date}\", rule-id=\"expire-logs\"", string.Join(",", head.Headers.GetValues("x-amz-expiration")));
    }

    [Fact]
    public async Task Objects_no_enabled_rule_covers_carry_no_expiration()
    {
        var bucket = await BucketWithRulesAsync("lc-none");

        var elsewhere = await PutTextAsync(bucket, "other/a.txt", "kept");
        var disabled = await PutTextAsync(bucket, "off/a.txt", "kept");
        var head = await S3.GetObjectMetadataAsync(bucket, "other/a.txt");

        Assert.Null(elsewhere.Expiration);
        Assert.Null(disabled.Expiration);
        Assert.Null(head.Expiration);
    }

    [Fact]
    public async Task Create_and_list_parts_show_when_the_upload_is_aborted()
    {
        var bucket = await BucketWithRulesAsync("lc-abort");

        var upload = await S3.InitiateMultipartUploadAsync(bucket, "uploads/x.bin");
        var parts = await S3.ListPartsAsync(bucket, "uploads/x.bin", upload.UploadId);
        var listed = (await S3.ListMultipartUploadsAsync(bucket)).MultipartUploads.Single(u => u.UploadId == upload.UploadId);
        var elsewhere = await S3.InitiateMultipartUploadAsync(bucket, "logs/x.bin");

        var expected = Expiry(listed.Initiated!.Value, AbortDays);
        Assert.Equal(expected, upload.AbortDate!.Value.ToUniversalTime());
        Assert.Equal("abort uploads", upload.AbortRuleId);
        Assert.Equal(expected, parts.AbortDate!.Value.ToUniversalTime());
        Assert.Equal("abort uploads", parts.AbortRuleId);
        Assert.Null(elsewhere.AbortDate);
    }

    [Fact]
    public async Task An_abort_rule_id_is_sent_as_is_and_the_date_is_a_midnight()
    {
        var bucket = await BucketWithRulesAsync("lc-encoded");

        using var create = await Raw.SendAsync(HttpMethod.Post, RawS3Client.ObjectPath(bucket, "uploads/y.bin") + "?uploads");

        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Equal("abort uploads", string.Join(",", create.Headers.GetValues("x-amz-abort-rule-id")));
        var date = DateTimeOffset.Parse(string.Join(",", create.Headers.GetValues("x-amz-abort-date")), CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, date.TimeOfDay);
    }

    /// <summary>S3's rule: the days added, then up to the next UTC midnight.</summary>
    private static DateTime Expiry(DateTime start, int days)
    {
        var end = start.ToUniversalTime().AddDays(days);
        return end.TimeOfDay == TimeSpan.Zero ? end : end.Date.AddDays(1);
    }

    private async Task<string> BucketWithRulesAsync(string hint)
    {
        var bucket = await CreateBucketAsync(hint);
        var document = Encoding.UTF8.GetBytes($"""
            <LifecycleConfiguration>
              <Rule><ID>expire-logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>{ExpireDays}</Days></Expiration></Rule>
              <Rule><ID>abort uploads</ID><Filter><Prefix>uploads/</Prefix></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>{AbortDays}</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>
              <Rule><ID>disabled</ID><Filter><Prefix>off/</Prefix></Filter><Status>Disabled</Status><Expiration><Days>1</Days></Expiration></Rule>
            </LifecycleConfiguration>
            """);
        using var response = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle", document, r => r.Content!.Headers.ContentMD5 = MD5.HashData(document));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return bucket;
    }
}
