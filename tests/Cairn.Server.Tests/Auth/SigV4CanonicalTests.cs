using System.Text;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Tests.Auth;

/// <summary>Canonical URI and query from the raw request target (docs/s3-compatibility.md "Signature V4 in the Authorization header").</summary>
public sealed class SigV4CanonicalTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/bucket/a%2Fb", "/bucket/a%2Fb")]           // an encoded slash stays inside its segment
    [InlineData("/bucket/a+b", "/bucket/a%2Bb")]             // '+' in a path is a literal plus
    [InlineData("/bucket/a%20b", "/bucket/a%20b")]
    [InlineData("/bucket/a b", "/bucket/a%20b")]
    [InlineData("/bucket/%e2%82%ac", "/bucket/%E2%82%AC")]   // upper-case hex
    [InlineData("/bucket/€", "/bucket/%E2%82%AC")]
    [InlineData("/bucket/!*'()", "/bucket/%21%2A%27%28%29")]
    [InlineData("/bucket/%7Efile-_.", "/bucket/~file-_.")]
    [InlineData("/bucket//./../x/", "/bucket//./../x/")]     // no normalisation
    [InlineData("/bucket/100%", "/bucket/100%25")]
    [InlineData("http://host:9000/bucket/k?x=1", "/bucket/k")]
    public void CanonicalUri(string rawTarget, string expected)
    {
        var builder = new StringBuilder();
        SigV4Canonical.AppendUri(builder, RequestTarget.Parse(rawTarget).RawPath);

        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData("/?uploads", "uploads=")]
    [InlineData("/?delete&x-id=DeleteObjects", "delete=&x-id=DeleteObjects")]
    [InlineData("/?b=2&a=2&a=1", "a=1&a=2&b=2")]
    [InlineData("/?prefix=a+b&marker=a%20b", "marker=a%20b&prefix=a%20b")]
    [InlineData("/?prefix=%2B&k=%7e", "k=~&prefix=%2B")]
    [InlineData("/?prefix=a/b", "prefix=a%2Fb")]
    [InlineData("/?&&a=1&", "a=1")]
    [InlineData("/?X-Amz-Signature=abc&X-Amz-Date=1", "X-Amz-Date=1")]
    public void CanonicalQuery(string rawTarget, string expected)
    {
        var builder = new StringBuilder();
        SigV4Canonical.AppendQuery(builder, RequestTarget.Parse(rawTarget).Query, "X-Amz-Signature");

        Assert.Equal(expected, builder.ToString());
    }

    [Fact]
    public void UnicodePathsAndQueriesVerifyEndToEnd()
    {
        var headers = new List<(string Name, string Value)>
        {
            ("host", "localhost"),
            ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
            ("x-amz-date", TestSigner.AmzDate),
        };
        var signature = TestSigner.Sign("GET", "/bucket/caf%C3%A9%20menu%2Bx.txt", "versionId=a%20b&x-id=GetObject", headers, "UNSIGNED-PAYLOAD");
        var request = AuthTestKit.Request("GET", "/bucket/caf%c3%a9 menu+x.txt?x-id=GetObject&versionId=a+b",
            headers.Append(("Authorization", TestSigner.Authorization(headers, signature))));

        Assert.Equal(AuthTestKit.AccessKeyId, AuthTestKit.Authenticator(AuthTestKit.ExampleTime).Authenticate(request, null).Principal.AccessKeyId);
    }
}
