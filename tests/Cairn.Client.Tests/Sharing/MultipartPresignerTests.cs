using System.Security.Cryptography;
using System.Text;
using System.Web;
using Cairn.Client.Sharing;
using Cairn.Client.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Client.Tests.Sharing;

/// <summary>
/// Presigned multipart URLs without a server: the part plan, the method-independent URL shape, the token of
/// temporary credentials, and a signature checked against a canonical request written out here by hand.
/// </summary>
public sealed class MultipartPresignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly CairnConnection Connection = new()
    {
        Endpoint = new Uri("http://127.0.0.1:9000"),
        AccessKey = "AKIDEXAMPLE",
        SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };

    [Fact]
    public void Each_part_gets_its_byte_range_and_a_PUT_URL_with_its_part_number()
    {
        var presigner = new MultipartPresigner(Connection, new FakeTimeProvider(Now));

        var upload = presigner.Presign("media", "big/file.bin", "abc123", size: 2_500, partSize: 1_000, TimeSpan.FromHours(1));

        Assert.Equal([(1, 0L, 1_000L), (2, 1_000L, 1_000L), (3, 2_000L, 500L)], upload.Parts.Select(p => (p.PartNumber, p.Offset, p.Length)));
        Assert.Equal("3", Query(upload.Parts[2].Url)["partNumber"]);
        Assert.All(upload.Parts.Select(p => p.Url).Append(upload.ListParts).Append(upload.Complete).Append(upload.Abort), url =>
        {
            Assert.Equal("/media/big/file.bin", url.AbsolutePath);
            Assert.Equal("abc123", Query(url)["uploadId"]);
            Assert.Equal("3600", Query(url)["X-Amz-Expires"]);
            Assert.Null(Query(url)["X-Amz-Security-Token"]);
        });
        Assert.Equal(Now.AddHours(1), upload.Expiration);
    }

    [Fact]
    public void The_signature_is_SigV4_over_the_canonical_request_of_the_method_and_query()
    {
        var signer = new PresignedUrlSigner(Connection);

        var url = signer.Presign(HttpMethod.Post, "media", "a b/c.bin", [new("uploadId", "u1")], TimeSpan.FromMinutes(10), Now);

        const string canonicalQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260102%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20260102T030405Z&X-Amz-Expires=600&X-Amz-SignedHeaders=host&uploadId=u1";
        var canonicalRequest = $"POST\n/media/a%20b/c.bin\n{canonicalQuery}\nhost:127.0.0.1:9000\n\nhost\nUNSIGNED-PAYLOAD";
        var stringToSign = "AWS4-HMAC-SHA256\n20260102T030405Z\n20260102/us-east-1/s3/aws4_request\n"
            + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + Connection.SecretKey), Encoding.UTF8.GetBytes("20260102"));
        foreach (var part in new[] { "us-east-1", "s3", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        Assert.Equal($"http://127.0.0.1:9000/media/a%20b/c.bin?{canonicalQuery}&X-Amz-Signature="
            + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))), url.AbsoluteUri);
    }

    [Fact]
    public void URLs_made_with_temporary_credentials_carry_the_session_token()
    {
        var presigner = new MultipartPresigner(Connection with { SessionToken = "tok/en+=" }, new FakeTimeProvider(Now));

        var create = presigner.PresignCreate("media", "k", TimeSpan.FromMinutes(15));

        Assert.Equal("tok/en+=", Query(create)["X-Amz-Security-Token"]);
        Assert.Contains("uploads=&", create.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_seven_days_is_refused()
    {
        var presigner = new MultipartPresigner(Connection, new FakeTimeProvider(Now));

        Assert.Throws<ArgumentOutOfRangeException>(() => presigner.Presign("media", "k", "u", 10, 10, TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_complete_body_lists_parts_in_order_in_the_S3_namespace()
    {
        var body = CompleteMultipartUploadBody.Create([(2, "\"b\""), (1, "\"a\"")]);

        Assert.Equal("""<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><PartNumber>1</PartNumber><ETag>"a"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>"b"</ETag></Part></CompleteMultipartUpload>""", body);
    }

    private static System.Collections.Specialized.NameValueCollection Query(Uri url) => HttpUtility.ParseQueryString(url.Query);
}
