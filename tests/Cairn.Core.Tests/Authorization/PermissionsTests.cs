using Cairn.Core.Authorization;
using Cairn.Core.Operations;

namespace Cairn.Core.Tests.Authorization;

/// <summary>The operation → permission table: complete, and the actions S3 documents for each operation.</summary>
public sealed class PermissionsTests
{
    public static TheoryData<Operation> AllOperations => new(Enum.GetValues<Operation>());

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Every_operation_needs_exactly_one_S3_action(Operation operation)
    {
        var action = Permissions.ActionFor(operation);

        Assert.StartsWith("s3:", action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Operation.ListBuckets, "s3:ListAllMyBuckets")]
    [InlineData(Operation.CreateBucket, "s3:CreateBucket")]
    [InlineData(Operation.DeleteBucket, "s3:DeleteBucket")]
    [InlineData(Operation.HeadBucket, "s3:ListBucket")]
    [InlineData(Operation.ListObjects, "s3:ListBucket")]
    [InlineData(Operation.ListObjectsV2, "s3:ListBucket")]
    [InlineData(Operation.GetBucketLocation, "s3:GetBucketLocation")]
    [InlineData(Operation.GetBucketVersioning, "s3:GetBucketVersioning")]
    [InlineData(Operation.ListObjectVersions, "s3:ListBucketVersions")]
    [InlineData(Operation.PutObject, "s3:PutObject")]
    [InlineData(Operation.PostObject, "s3:PutObject")]
    [InlineData(Operation.CopyObject, "s3:PutObject")]
    [InlineData(Operation.CreateMultipartUpload, "s3:PutObject")]
    [InlineData(Operation.UploadPart, "s3:PutObject")]
    [InlineData(Operation.UploadPartCopy, "s3:PutObject")]
    [InlineData(Operation.CompleteMultipartUpload, "s3:PutObject")]
    [InlineData(Operation.GetObject, "s3:GetObject")]
    [InlineData(Operation.HeadObject, "s3:GetObject")]
    [InlineData(Operation.GetObjectAttributes, "s3:GetObjectAttributes")]
    [InlineData(Operation.DeleteObject, "s3:DeleteObject")]
    [InlineData(Operation.DeleteObjects, "s3:DeleteObject")]
    [InlineData(Operation.AbortMultipartUpload, "s3:AbortMultipartUpload")]
    [InlineData(Operation.ListMultipartUploads, "s3:ListBucketMultipartUploads")]
    [InlineData(Operation.ListParts, "s3:ListMultipartUploadParts")]
    [InlineData(Operation.NotImplemented, "s3:*")]
    public void Each_operation_needs_the_action_S3_names_for_it(Operation operation, string expected)
    {
        Assert.Equal(expected, Permissions.ActionFor(operation));
    }

    [Fact]
    public void An_operation_outside_the_enumeration_has_no_permission()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Permissions.ActionFor((Operation)int.MaxValue));
    }
}
