using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Tests.Support;

namespace Cairn.Core.Tests.Objects;

/// <summary>
/// Conditional writes and deletes (If-None-Match: *, If-Match): refused up front when the condition fails, and
/// refused at commit when a concurrent write changed the object meanwhile, with nothing of the loser left behind.
/// </summary>
public sealed class ObjectServiceConditionTests : IDisposable
{
    private const int InlineLimit = 1024;

    private static readonly WriteCondition IfNoneMatchAny = new(IfNoneMatchAny: true, IfMatch: null);

    private readonly CoreTestStore _store = new(new StorageLimits { InlineObjectMaxSize = InlineLimit });

    public void Dispose() => _store.Dispose();

    private static WriteCondition IfMatch(string etag) => new(IfNoneMatchAny: false, IfMatch: etag);

    [Fact]
    public async Task If_None_Match_any_creates_an_object_whose_key_is_free()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(100);

        await _store.PutAsync(bucket, "k", data, condition: IfNoneMatchAny);

        Assert.Equal(data, await _store.GetAsync(bucket, "k"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task If_None_Match_any_on_an_existing_key_fails_with_PreconditionFailed_and_keeps_the_object(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var original = TestBodies.Bytes(size, seed: 1);
        await _store.PutAsync(bucket, "k", original);
        var blobsBefore = _store.BlobIds();

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.PutAsync(bucket, "k", TestBodies.Bytes(size, seed: 2), condition: IfNoneMatchAny));

        Assert.Equal(ErrorCode.PreconditionFailed, error.Code);
        Assert.Equal(original, await _store.GetAsync(bucket, "k"));
        Assert.Equal(blobsBefore, _store.BlobIds());
        Assert.Empty(_store.TempFiles());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task If_Match_with_the_current_ETag_replaces_the_object(bool quoted)
    {
        var bucket = await _store.CreateBucketAsync();
        var current = await _store.PutAsync(bucket, "k", TestBodies.Bytes(100, seed: 1));
        var replacement = TestBodies.Bytes(100, seed: 2);

        await _store.PutAsync(bucket, "k", replacement, condition: IfMatch(quoted ? $"\"{current.ETag}\"" : current.ETag));

        Assert.Equal(replacement, await _store.GetAsync(bucket, "k"));
    }

    [Fact]
    public async Task If_Match_with_another_ETag_fails_with_PreconditionFailed_and_keeps_the_object()
    {
        var bucket = await _store.CreateBucketAsync();
        var original = TestBodies.Bytes(100, seed: 1);
        await _store.PutAsync(bucket, "k", original);

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.PutAsync(bucket, "k", TestBodies.Bytes(100, seed: 2), condition: IfMatch("0123456789abcdef0123456789abcdef")));

        Assert.Equal(ErrorCode.PreconditionFailed, error.Code);
        Assert.Equal(original, await _store.GetAsync(bucket, "k"));
    }

    [Fact]
    public async Task If_Match_without_an_object_fails_with_NoSuchKey()
    {
        var bucket = await _store.CreateBucketAsync();

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.PutAsync(bucket, "k", TestBodies.Bytes(100), condition: IfMatch("*")));

        Assert.Equal(ErrorCode.NoSuchKey, error.Code);
        Assert.Empty(await _store.ListKeysAsync(bucket));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public async Task A_write_that_wins_while_a_conditional_put_is_receiving_makes_it_fail_with_ConditionalRequestConflict(int size)
    {
        var bucket = await _store.CreateBucketAsync();
        var winner = TestBodies.Bytes(10, seed: 1);
        var loser = TestBodies.Bytes(size, seed: 2);
        var body = TestBodies.RunningAtEnd(loser, () => _store.PutAsync(bucket, "k", winner));

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Objects.PutAsync(TestPuts.Command(bucket, "k", loser, condition: IfNoneMatchAny), body, CancellationToken.None));

        Assert.Equal(ErrorCode.ConditionalRequestConflict, error.Code);
        Assert.Equal(winner, await _store.GetAsync(bucket, "k"));
        await _store.AssertNoDataLeftAsync(); // the winner is inline; the loser's blob was deleted at once
    }

    [Fact]
    public async Task A_delete_with_a_failing_If_Match_fails_with_PreconditionFailed_and_keeps_the_object()
    {
        var bucket = await _store.CreateBucketAsync();
        var data = TestBodies.Bytes(100);
        await _store.PutAsync(bucket, "k", data);

        var error = await Assert.ThrowsAsync<CairnException>(
            () => _store.Objects.DeleteAsync(bucket, "k", IfMatch("0123456789abcdef0123456789abcdef"), CancellationToken.None));

        Assert.Equal(ErrorCode.PreconditionFailed, error.Code);
        Assert.Equal(data, await _store.GetAsync(bucket, "k"));
    }

    [Fact]
    public async Task A_delete_with_the_current_ETag_removes_the_object_and_queues_its_blob_as_garbage()
    {
        var bucket = await _store.CreateBucketAsync();
        var current = await _store.PutAsync(bucket, "k", TestBodies.Bytes(5000));
        var blob = Assert.Single(_store.BlobIds());

        Assert.True(await _store.Objects.DeleteAsync(bucket, "k", IfMatch(current.ETag), CancellationToken.None));

        Assert.Null(await _store.GetAsync(bucket, "k"));
        Assert.Equal([blob], await _store.GarbageAsync());
    }
}
