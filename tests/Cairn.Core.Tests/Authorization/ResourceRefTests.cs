using Cairn.Core.Authorization;

namespace Cairn.Core.Tests.Authorization;

/// <summary>The bucket owner is read when asked for, once.</summary>
public sealed class ResourceRefTests
{
    [Fact]
    public async Task The_owner_is_read_once_however_often_it_is_asked_for()
    {
        var reads = 0;
        var resource = new ResourceRef("b", "k", _ =>
        {
            reads++;
            return Task.FromResult<string?>("owner-id");
        });
        Assert.Equal(0, reads);

        Assert.Equal("owner-id", await resource.BucketOwnerAsync(CancellationToken.None));
        Assert.Equal("owner-id", await resource.BucketOwnerAsync(CancellationToken.None));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_request_without_a_bucket_has_no_owner()
    {
        var resource = new ResourceRef(null, null, _ => throw new InvalidOperationException("read without a bucket"));

        Assert.Null(await resource.BucketOwnerAsync(CancellationToken.None));
    }
}
