using Cairn.Core.Authorization.Acl;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Object and upload ACLs: what a PUT, a multipart upload, a copy or an ACL change records is what every later read
/// returns, and the default (no ACL, the owner's full control) stays the default.
/// </summary>
public abstract class ObjectAclContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IBucketSettingsStore, IObjectStore, IUploadStore, IGarbageStore
{
    protected static readonly AccessControlList PublicRead = new(
    [
        new Grant(Grantee.User("owner"), AclRight.FullControl),
        new Grant(Grantee.AllUsers, AclRight.Read),
    ]);

    protected static readonly AccessControlList Grants = new(
    [
        new Grant(Grantee.User("owner"), AclRight.FullControl),
        new Grant(Grantee.User("bob"), AclRight.ReadAcp),
        new Grant(Grantee.AuthenticatedUsers, AclRight.Write),
        new Grant(Grantee.User("carol"), AclRight.WriteAcp),
    ]);

    [SkippableFact]
    public async Task An_object_keeps_the_acl_it_was_put_with_and_no_acl_reads_back_as_none()
    {
        await CreateBucket("b");
        await Store.PutObjectAsync(NewObject("b", "granted", NewBlobId()) with { Acl = Grants }, None);
        await Store.PutObjectAsync(NewObject("b", "plain", NewBlobId()), None);

        Assert.Equal(Grants, (await Store.GetObjectAsync("b", "granted", None))!.Acl);
        Assert.Null((await Store.GetObjectAsync("b", "plain", None))!.Acl);
    }

    [SkippableFact]
    public async Task Overwriting_an_object_replaces_its_acl()
    {
        await CreateBucket("b");
        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()) with { Acl = PublicRead }, None);

        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()), None);

        Assert.Null((await Store.GetObjectAsync("b", "k", None))!.Acl);
    }

    [SkippableFact]
    public async Task An_upload_keeps_its_acl_and_the_completed_object_carries_it()
    {
        await CreateBucket("b");
        var upload = NewUpload("b", "k") with { Acl = PublicRead };
        await Store.CreateUploadAsync(upload, None);
        var part = NewPart(upload.UploadId, 1);
        await Store.PutPartAsync(part, None);
        var stored = await Store.GetUploadAsync(upload.UploadId, None);
        Assert.Equal(PublicRead, stored!.Acl);
        Assert.Equal(PublicRead, (await Store.ListUploadsAsync("b", "", null, null, null, 10, None)).Uploads.Single().Acl);

        var built = NewObject("b", "k") with
        {
            Acl = stored.Acl,
            PartsCount = 1,
            Segments = [new Segment(part.BlobId, 0, part.Size, 1, part.ETag)],
        };
        Assert.IsType<CompleteOutcome.Committed>(
            await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None));

        Assert.Equal(PublicRead, (await Store.GetObjectAsync("b", "k", None))!.Acl);
    }

    [SkippableFact]
    public async Task A_copy_carries_the_acl_given_to_it_not_the_source_acl()
    {
        await CreateBucket("b");
        var source = NewObject("b", "source", NewBlobId()) with { Acl = PublicRead };
        await Store.PutObjectAsync(source, None);

        await Store.PutObjectAsync(source with { Key = "copy", Acl = Grants }, None);
        await Store.PutObjectAsync(source with { Key = "default", Acl = null }, None);

        Assert.Equal(Grants, (await Store.GetObjectAsync("b", "copy", None))!.Acl);
        Assert.Null((await Store.GetObjectAsync("b", "default", None))!.Acl);
        Assert.Equal(PublicRead, (await Store.GetObjectAsync("b", "source", None))!.Acl);
    }

    [SkippableFact]
    public async Task Setting_an_object_acl_changes_its_acl_and_owner_and_nothing_else()
    {
        await CreateBucket("b");
        var record = NewObject("b", "k", NewBlobId()) with { UserMetadata = new Dictionary<string, string> { ["m"] = "v" } };
        await Store.PutObjectAsync(record, None);

        Assert.True(await Store.SetObjectAclAsync("b", "k", "bob", Grants, None));
        var changed = await Store.GetObjectAsync("b", "k", None);
        Assert.Equal(Grants, changed!.Acl);
        Assert.Equal("bob", changed.Owner);
        AssertSameObject(record with { Owner = "bob" }, changed);

        Assert.True(await Store.SetObjectAclAsync("b", "k", "bob", null, None));
        Assert.Null((await Store.GetObjectAsync("b", "k", None))!.Acl);
    }

    [SkippableFact]
    public async Task Setting_the_acl_of_a_missing_object_returns_false()
    {
        await CreateBucket("b");

        Assert.False(await Store.SetObjectAclAsync("b", "missing", "owner", PublicRead, None));
        Assert.False(await Store.SetObjectAclAsync("nobucket", "k", "owner", PublicRead, None));
        Assert.Null(await Store.GetObjectAsync("b", "missing", None));
    }
}
