using Cairn.Core.Errors;
using Cairn.Server.Routing;

namespace Cairn.Server.Tests.Routing;

public class ResourcePathTests
{
    private const string Domain = "s3.local";

    [Theory]
    [InlineData("/", null, null)]
    [InlineData("", null, null)]
    [InlineData("/b", "b", null)]
    [InlineData("/b/", "b", null)]
    [InlineData("/b/k", "b", "k")]
    [InlineData("/b/dir/sub/file.txt", "b", "dir/sub/file.txt")]
    [InlineData("/b/dir/", "b", "dir/")]
    [InlineData("/b/a//b", "b", "a//b")]
    [InlineData("/b/a///", "b", "a///")]
    [InlineData("/b//k", "b", "/k")]
    [InlineData("/b/k?uploads", "b", "k")]
    [InlineData("/b/k?x=1/2", "b", "k")]
    [InlineData("/b?list-type=2", "b", null)]
    [InlineData("/?x-id=ListBuckets", null, null)]
    public void A_path_style_target_splits_into_bucket_and_key(string rawTarget, string? bucket, string? key)
    {
        var path = ResourcePath.Parse(rawTarget, "localhost:9000", Domain);

        Assert.Equal(bucket, path.Bucket);
        Assert.Equal(key, path.Key);
        Assert.False(path.VirtualHosted);
    }

    [Theory]
    [InlineData("/b/a%2Fb", "a/b")]
    [InlineData("/b/a%2fb", "a/b")]
    [InlineData("/b/a%20b", "a b")]
    [InlineData("/b/a+b", "a+b")]
    [InlineData("/b/a%2Bb", "a+b")]
    [InlineData("/b/caf%C3%A9", "café")]
    [InlineData("/b/%E2%82%AC", "€")]
    [InlineData("/b/%F0%9F%98%80.txt", "😀.txt")]
    [InlineData("/b/%E6%97%A5%E6%9C%AC/%E8%AA%9E", "日本/語")]
    [InlineData("/b/100%25", "100%")]
    [InlineData("/b/a%3Fb", "a?b")]
    [InlineData("/b/a%23b", "a#b")]
    [InlineData("/b/%7Euser", "~user")]
    public void Key_is_percent_decoded_as_utf8_with_plus_kept_literal(string rawTarget, string key)
    {
        var path = ResourcePath.Parse(rawTarget, null, null);

        Assert.Equal("b", path.Bucket);
        Assert.Equal(key, path.Key);
    }

    [Theory]
    [InlineData("/b/%C3%28")]
    [InlineData("/b/%FF")]
    [InlineData("/b/%C0%AF")]
    [InlineData("/b/%ED%A0%80")]
    [InlineData("/b/ok%E2%82")]
    [InlineData("/%C3%28/k")]
    public void Percent_decoding_to_invalid_utf8_is_an_invalid_argument(string rawTarget)
    {
        var error = Assert.Throws<CairnException>(() => ResourcePath.Parse(rawTarget, null, null));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData("/k", "bucket.s3.local:9000", "bucket", "k")]
    [InlineData("/", "bucket.s3.local:9000", "bucket", null)]
    [InlineData("", "bucket.s3.local:9000", "bucket", null)]
    [InlineData("/?list-type=2", "bucket.s3.local:9000", "bucket", null)]
    [InlineData("/dir/file", "bucket.s3.local", "bucket", "dir/file")]
    [InlineData("/a%2Fb%20c", "bucket.s3.local:9000", "bucket", "a/b c")]
    [InlineData("/b/k", "bucket.s3.local:9000", "bucket", "b/k")]
    [InlineData("//k", "bucket.s3.local:9000", "bucket", "/k")]
    [InlineData("/k", "BUCKET.S3.LOCAL:9000", "bucket", "k")]
    [InlineData("/k", "my.dotted.bucket.s3.local:9000", "my.dotted.bucket", "k")]
    public void A_host_under_the_domain_names_the_bucket(string rawTarget, string host, string bucket, string? key)
    {
        var path = ResourcePath.Parse(rawTarget, host, Domain);

        Assert.True(path.VirtualHosted);
        Assert.Equal(bucket, path.Bucket);
        Assert.Equal(key, path.Key);
    }

    [Theory]
    [InlineData("s3.local:9000", Domain)]
    [InlineData("s3.local", Domain)]
    [InlineData("localhost:9000", Domain)]
    [InlineData("127.0.0.1:9000", Domain)]
    [InlineData("[::1]:9000", Domain)]
    [InlineData("evils3.local:9000", Domain)]
    [InlineData("bucket.s3.local.example.com", Domain)]
    [InlineData("bucket.s3.local:9000", null)]
    [InlineData("bucket.s3.local:9000", "")]
    [InlineData(null, Domain)]
    public void Any_other_host_or_no_domain_means_path_style(string? host, string? domain)
    {
        var path = ResourcePath.Parse("/b/k", host, domain);

        Assert.False(path.VirtualHosted);
        Assert.Equal("b", path.Bucket);
        Assert.Equal("k", path.Key);
    }

    [Theory]
    [InlineData("http://localhost:9000/b/k", "b", "k")]
    [InlineData("https://localhost:9000/b/dir/k?uploads", "b", "dir/k")]
    [InlineData("HTTP://localhost/b", "b", null)]
    [InlineData("http://localhost:9000", null, null)]
    [InlineData("http://localhost:9000/", null, null)]
    [InlineData("http://localhost:9000/b/a%2Fb", "b", "a/b")]
    public void An_absolute_form_target_uses_only_its_path(string rawTarget, string? bucket, string? key)
    {
        var path = ResourcePath.Parse(rawTarget, "localhost:9000", Domain);

        Assert.Equal(bucket, path.Bucket);
        Assert.Equal(key, path.Key);
    }

    [Fact]
    public void An_absolute_form_target_with_a_virtual_host_keeps_the_whole_path_as_key()
    {
        var path = ResourcePath.Parse("http://bucket.s3.local:9000/dir/k", "bucket.s3.local:9000", Domain);

        Assert.Equal(("bucket", "dir/k", true), (path.Bucket, path.Key, path.VirtualHosted));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/b", "/b")]
    [InlineData("/b/", "/b")]
    [InlineData("/b/k", "/b/k")]
    [InlineData("/b/dir/k%20x", "/b/dir/k x")]
    [InlineData("/b/a%2Fb", "/b/a/b")]
    public void Resource_is_slash_bucket_slash_key(string rawTarget, string resource)
    {
        Assert.Equal(resource, ResourcePath.Parse(rawTarget, null, null).Resource);
    }

    [Fact]
    public void Resource_of_a_virtual_hosted_request_still_names_the_bucket()
    {
        Assert.Equal("/bucket/k", ResourcePath.Parse("/k", "bucket.s3.local:9000", Domain).Resource);
    }
}
