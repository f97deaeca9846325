using System.Text.Json;
using Cairn.Client.Sharing;

namespace Cairn.Client.Tests.Sharing;

/// <summary>The session policy of a shared upload grants uploading under the prefix and nothing else.</summary>
public sealed class UploadSessionPolicyTests
{
    [Fact]
    public void It_allows_uploads_and_their_cleanup_under_the_prefix_and_listing_uploads_of_that_prefix_only()
    {
        using var policy = JsonDocument.Parse(UploadSessionPolicy.For("media", "in/alice/"));
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();

        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
        Assert.Equal(["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
            statements[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("arn:aws:s3:::media/in/alice/*", statements[0].GetProperty("Resource").GetString());
        Assert.Equal("s3:ListBucketMultipartUploads", statements[1].GetProperty("Action").GetString());
        Assert.Equal("arn:aws:s3:::media", statements[1].GetProperty("Resource").GetString());
        Assert.Equal("in/alice/*", statements[1].GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").GetString());
    }
}
