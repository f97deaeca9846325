using Cairn.Core.Authorization;
using Cairn.Core.Buckets;
using Cairn.Core.Model;

namespace Cairn.Core.Tests.Authorization;

/// <summary>The bucket's access configuration and the object are read when asked for, once.</summary>
public sealed class ResourceRefTests
{
    [Fact]
    public async Task The_bucket_is_read_once_however_often_it_is_asked_for()
    {
        var reads = 0;
        var resource = new ResourceRef("b", "k", _ =>
        {
            reads++;
            return Task.FromResult<BucketAccess?>(new BucketAccess(new BucketSettings(
                new BucketRecord("b", "owner-id", DateTimeOffset.UnixEpoch), new Dictionary<string, string>())));
        });
        Assert.Equal(0, reads);

        Assert.Equal("owner-id", await resource.BucketOwnerAsync(CancellationToken.None));
        Assert.Equal("owner-id", (await resource.BucketAccessAsync(CancellationToken.None))!.Owner);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task The_object_is_read_once_and_only_for_a_key()
    {
        var reads = 0;
        var resource = new ResourceRef("b", "k", null, _ =>
        {
            reads++;
            return Task.FromResult<ObjectRecord?>(null);
        });

        Assert.Null(await resource.ObjectAsync(CancellationToken.None));
        Assert.Null(await resource.ObjectAsync(CancellationToken.None));
        Assert.Equal(1, reads);
        Assert.Null(await resource.WithoutKey().ObjectAsync(CancellationToken.None));
        Assert.Equal("arn:aws:s3:::b/k", resource.Arn);
        Assert.Equal("arn:aws:s3:::b", resource.WithoutKey().Arn);
    }

    [Fact]
    public async Task A_request_without_a_bucket_has_no_owner()
    {
        var resource = new ResourceRef(null, null, _ => throw new InvalidOperationException("read without a bucket"));

        Assert.Null(await resource.BucketOwnerAsync(CancellationToken.None));
        Assert.Equal("*", resource.Arn);
    }
}
