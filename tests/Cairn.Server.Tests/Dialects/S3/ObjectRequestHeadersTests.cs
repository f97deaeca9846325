using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>Content-Encoding as stored: the aws-chunked framing token dropped, everything else exactly as sent.</summary>
public class ObjectRequestHeadersTests
{
    [Theory]
    [InlineData("aws-chunked, deflate, gzip", "deflate, gzip")]
    [InlineData("deflate, gzip, aws-chunked", "deflate, gzip")]
    [InlineData("deflate,aws-chunked,gzip", "deflate,gzip")]
    [InlineData("br,AWS-CHUNKED, gzip", "br, gzip")]
    [InlineData("deflate, gzip", "deflate, gzip")]
    [InlineData("gzip ,  br", "gzip ,  br")]
    [InlineData("gzip", "gzip")]
    public void Aws_chunked_is_dropped_and_the_rest_kept_as_sent(string sent, string stored)
    {
        Assert.Equal(stored, ObjectRequestHeaders.StripAwsChunked(sent));
    }

    [Theory]
    [InlineData("aws-chunked")]
    [InlineData(" aws-chunked ")]
    [InlineData("aws-chunked,aws-chunked")]
    public void Only_aws_chunked_leaves_no_content_encoding(string sent)
    {
        Assert.Null(ObjectRequestHeaders.StripAwsChunked(sent));
    }
}
