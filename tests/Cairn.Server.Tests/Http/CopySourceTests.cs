using Cairn.Core.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>x-amz-copy-source: "[/]bucket/key[?versionId=id]", URL-encoded (CopyObject, UploadPartCopy).</summary>
public class CopySourceTests
{
    [Theory]
    [InlineData("src/key", "src", "key")]
    [InlineData("/src/key", "src", "key")]
    [InlineData("src/dir/sub/key.txt", "src", "dir/sub/key.txt")]
    [InlineData("/src/dir/sub/key.txt", "src", "dir/sub/key.txt")]
    [InlineData("src/dir%2Fkey", "src", "dir/key")]
    [InlineData("src%2Fkey", "src", "key")]
    [InlineData("%2Fsrc%2Fdir%2Fkey", "src", "dir/key")]
    [InlineData("src/a%20b", "src", "a b")]
    [InlineData("src/a+b", "src", "a+b")]
    [InlineData("src/a%2Bb", "src", "a+b")]
    [InlineData("src/100%25", "src", "100%")]
    [InlineData("src/a%3Fb", "src", "a?b")]
    [InlineData("src/caf%C3%A9", "src", "café")]
    [InlineData("src/%E2%82%AC%20%F0%9F%98%80", "src", "€ 😀")]
    [InlineData("src/a//b", "src", "a//b")]
    [InlineData("src/dir/", "src", "dir/")]
    [InlineData("my.src-bucket/k", "my.src-bucket", "k")]
    public void A_copy_source_names_bucket_and_decoded_key(string header, string bucket, string key)
    {
        Assert.Equal(new CopySource(bucket, key), Parse(header));
    }

    [Theory]
    [InlineData("src/key?versionId=null", "key")]
    [InlineData("/src/dir/key?versionId=null", "dir/key")]
    [InlineData("src/a%3Fb?versionId=null", "a?b")]
    public void Version_id_null_is_accepted(string header, string key)
    {
        Assert.Equal(new CopySource("src", key), Parse(header));
    }

    [Theory]
    [InlineData("src/key?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")]
    [InlineData("src/key?versionId=NULL")]
    [InlineData("/src/key?versionId=1")]
    public void Any_other_version_id_is_an_invalid_argument(string header)
    {
        var error = Assert.Throws<CairnException>(() => Parse(header));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("versionId", error.Details!.ArgumentName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("src")]
    [InlineData("/src")]
    [InlineData("src/")]
    [InlineData("/src/")]
    [InlineData("/")]
    [InlineData("//key")]
    [InlineData("/key")]
    [InlineData("src?versionId=null")]
    public void A_copy_source_without_bucket_and_key_is_an_invalid_copy_source(string? header)
    {
        var error = Assert.Throws<CairnException>(() => Parse(header));

        Assert.Equal(ErrorCode.InvalidCopySource, error.Code);
    }

    [Fact]
    public void A_copy_source_that_decodes_to_invalid_utf8_is_an_invalid_argument()
    {
        var error = Assert.Throws<CairnException>(() => Parse("src/%C3%28"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    private static CopySource Parse(string? header) => CopySource.Parse(header, "x-amz-copy-source");
}
