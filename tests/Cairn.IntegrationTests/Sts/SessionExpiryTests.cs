using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Sts.StsTestSupport;

namespace Cairn.IntegrationTests.Sts;

/// <summary>
/// The third-party upload scenario end to end: an app server assumes a role for one device with a session policy
/// limited to <c>uploads/&lt;session&gt;/</c>; the device uploads there in parts (also through a presigned part URL
/// made with its temporary credentials), is refused anywhere else, and once the server's clock (a FakeTimeProvider)
/// passes the expiration everything it holds is ExpiredToken. A FakeTimeProvider cannot go back in time, so this class
/// holds a single test.
/// </summary>
public sealed class SessionExpiryTests(FakeClockServerFixture fixture) : IClassFixture<FakeClockServerFixture>
{
    private const int PartSize = 128 * 1024;

    [Fact]
    public async Task A_device_session_uploads_in_parts_under_its_own_prefix_only_until_its_credentials_expire()
    {
        // Bring the fake clock to real time first, so SDK-signed requests are not skewed.
        var now = DateTimeOffset.UtcNow;
        if (fixture.Clock.GetUtcNow() < now)
        {
            fixture.Clock.SetUtcNow(now);
        }

        var bucket = "devices-" + Guid.NewGuid().ToString("N")[..10];
        using var admin = fixture.CreateClient();
        await admin.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var roleArn = await CreateRoleAsync(fixture, UniqueName("device-uploads"), Trust($"arn:aws:iam::{Account}:root"),
            $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Action":["s3:PutObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],
              "Resource":"arn:aws:s3:::{{bucket}}/uploads/*"}]}
            """);
        const string session = "phone-7";
        var issuedAt = fixture.Clock.GetUtcNow();
        var credentials = (await Root(fixture.Host).AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = session,
            DurationSeconds = 900,
            Policy = $$"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                  "Action":["s3:PutObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],
                  "Resource":"arn:aws:s3:::{{bucket}}/uploads/{{session}}/*"}]}
                """,
        })).Credentials;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds()).AddSeconds(900).UtcDateTime,
            credentials.Expiration!.Value.ToUniversalTime());
        using var device = S3(fixture.Host, credentials);

        // Inside its prefix: a multipart upload, one part through the SDK and one through a presigned URL that carries the token.
        var data = RandomNumberGenerator.GetBytes(PartSize + 5000);
        var key = $"uploads/{session}/clip.mp4";
        var upload = await device.InitiateMultipartUploadAsync(bucket, key);
        var first = await device.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = 1,
            InputStream = new MemoryStream(data, 0, PartSize),
        });
        var partUrl = device.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = 2,
            Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddHours(2),
        });
        Assert.Contains("X-Amz-Security-Token=", partUrl, StringComparison.Ordinal);
        using var http = new HttpClient();
        using (var put = await http.PutAsync(partUrl, new ByteArrayContent(data, PartSize, data.Length - PartSize)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var parts = await device.ListPartsAsync(bucket, key, upload.UploadId);
        await device.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket, Key = key, UploadId = upload.UploadId,
            PartETags = [.. parts.Parts.Select(p => new PartETag(p.PartNumber!.Value, p.ETag))],
        });
        using (var stored = await admin.GetObjectAsync(bucket, key))
        {
            using var copy = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(copy);
            Assert.Equal(MD5.HashData(data), MD5.HashData(copy.ToArray()));
        }

        // Outside it: another device's prefix, the rest of the bucket, reading back.
        foreach (var other in new[] { "uploads/phone-8/clip.mp4", "clip.mp4" })
        {
            var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => device.InitiateMultipartUploadAsync(bucket, other));
            Assert.Equal("AccessDenied", refused.ErrorCode);
        }

        Assert.Equal("AccessDenied", (await Assert.ThrowsAsync<AmazonS3Exception>(() => device.GetObjectAsync(bucket, key))).ErrorCode);

        // After the expiration: the SDK client and a presigned URL made earlier are both ExpiredToken, and nothing is stored.
        var lateUpload = await device.InitiateMultipartUploadAsync(bucket, $"uploads/{session}/late.mp4");
        var latePartUrl = device.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket, Key = $"uploads/{session}/late.mp4", UploadId = lateUpload.UploadId, PartNumber = 1,
            Verb = HttpVerb.PUT, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddHours(2),
        });
        fixture.Clock.Advance(TimeSpan.FromSeconds(901));

        var expired = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            device.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"uploads/{session}/after.txt", ContentBody = "late" }));
        Assert.Equal("ExpiredToken", expired.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        using (var late = await http.PutAsync(latePartUrl, new ByteArrayContent(data)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
            Assert.Contains("<Code>ExpiredToken</Code>", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Checked as root, signed at the server's (advanced) time.
        using var raw = new RawS3Client(fixture);
        var serverTime = fixture.Clock.GetUtcNow();
        using (var lateParts = await raw.SendAsync(HttpMethod.Get,
            RawS3Client.ObjectPath(bucket, $"uploads/{session}/late.mp4") + "?uploadId=" + Uri.EscapeDataString(lateUpload.UploadId), time: serverTime))
        {
            Assert.Equal(HttpStatusCode.OK, lateParts.StatusCode);
            Assert.DoesNotContain("<Part>", await lateParts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var listing = await raw.SendAsync(HttpMethod.Get, "/" + bucket + "?list-type=2", time: serverTime);
        var keys = XDocument.Parse(await listing.Content.ReadAsStringAsync()).Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value);
        Assert.Equal([key], keys);
    }
}
