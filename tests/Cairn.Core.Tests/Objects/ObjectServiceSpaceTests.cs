using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// The free-space floor as the object operations apply it: writes that would cut into it are refused before any
/// byte lands, while deletes keep working on a full volume.
/// </summary>
public sealed class ObjectServiceSpaceTests : IDisposable
{
    private const long MiB = StorageLimits.MiB;

    private readonly CoreTestStore _store = new(new StorageLimits { InlineObjectMaxSize = 1024, MinFreeSpace = 64 * MiB });

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_put_whose_body_would_cut_into_the_floor_is_refused_with_InsufficientStorage_and_stores_nothing()
    {
        var bucket = await _store.CreateBucketAsync();
        _store.Disk.Available = 64 * MiB + 4000;

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.PutAsync(bucket, "k", TestBodies.Bytes(5000)));

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
        await _store.AssertNoDataLeftAsync();
    }

    [Fact]
    public async Task A_put_that_leaves_the_floor_free_is_stored()
    {
        var bucket = await _store.CreateBucketAsync();
        _store.Disk.Available = 64 * MiB + 5000;
        var data = TestBodies.Bytes(5000);

        await _store.PutAsync(bucket, "k", data);

        Assert.Equal(data, await _store.GetAsync(bucket, "k"));
    }

    [Fact]
    public async Task Below_the_floor_a_copy_is_refused_but_a_delete_still_works()
    {
        var bucket = await _store.CreateBucketAsync();
        var source = await _store.PutAsync(bucket, "k", TestBodies.Bytes(5000));
        _store.Disk.Available = 10 * MiB;

        var error = await Assert.ThrowsAsync<CairnException>(() => _store.Objects.CopyAsync(
            source, bucket, "copy", replace: false, new ObjectHeaders(), new Dictionary<string, string>(), source.Tags, CoreTestStore.Owner, acl: null,
            WriteCondition.None, CancellationToken.None));
        var deleted = await _store.Objects.DeleteAsync(bucket, "k", WriteCondition.None, CancellationToken.None);

        Assert.Equal(ErrorCode.InsufficientStorage, error.Code);
        Assert.True(deleted);
        Assert.Empty(await _store.ListKeysAsync(bucket));
    }
}
