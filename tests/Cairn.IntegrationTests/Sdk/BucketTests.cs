using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>Bucket lifecycle through AWSSDK.S3: create, list, head, delete, location.</summary>
public sealed class BucketTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public BucketTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task ListBuckets_AfterCreatingBuckets_ShowsThemWithCreationDates()
    {
        var before = DateTime.UtcNow.AddMinutes(-5);
        var first = await CreateBucketAsync("list-a");
        var second = await CreateBucketAsync("list-b");

        var response = await S3.ListBucketsAsync();

        var buckets = response.Buckets ?? [];
        var names = buckets.Select(b => b.BucketName).ToList();
        Assert.Contains(first, names);
        Assert.Contains(second, names);
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var bucket in buckets.Where(b => b.BucketName == first || b.BucketName == second))
        {
            var created = bucket.CreationDate!.Value.ToUniversalTime();
            Assert.InRange(created, before, DateTime.UtcNow.AddMinutes(5));
        }

        Assert.False(string.IsNullOrEmpty(response.Owner?.Id), "ListBuckets returned no Owner/ID");
    }

    [Theory]
    [InlineData("ab")] // too short (3..63)
    [InlineData("UpperCaseBucket")]
    [InlineData("under_score")]
    [InlineData("192.168.5.4")] // formatted as an IP address
    [InlineData("double..dots")]
    [InlineData("-leading-dash")]
    [InlineData("trailing-dash-")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 64 characters
    public async Task CreateBucket_WithInvalidName_FailsWithInvalidBucketName(string name)
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.BadRequest,
            "InvalidBucketName",
            () => S3.PutBucketAsync(new PutBucketRequest { BucketName = name }));

        var names = ((await S3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName);
        Assert.DoesNotContain(name, names);
    }

    [Fact]
    public async Task CreateBucket_Twice_FailsWithBucketAlreadyOwnedByYou()
    {
        var bucket = await CreateBucketAsync("twice");
        await PutTextAsync(bucket, "keep.txt", "still here");

        await S3Assert.ThrowsAsync(
            HttpStatusCode.Conflict,
            "BucketAlreadyOwnedByYou",
            () => S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }));

        Assert.Equal("still here", await GetTextAsync(bucket, "keep.txt"));
    }

    [Fact]
    public async Task HeadBucket_ExistingBucket_Succeeds()
    {
        var bucket = await CreateBucketAsync("head");

        var response = await S3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
    }

    [Fact]
    public async Task HeadBucket_MissingBucket_Returns404()
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            null,
            () => S3.HeadBucketAsync(new HeadBucketRequest { BucketName = UniqueBucketName("missing") }));
    }

    [Fact]
    public async Task PutObject_IntoMissingBucket_FailsWithNoSuchBucket()
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            "NoSuchBucket",
            () => PutTextAsync(UniqueBucketName("missing"), "k", "v"));
    }

    [Fact]
    public async Task DeleteBucket_NonEmpty_FailsWithBucketNotEmptyAndKeepsObjects()
    {
        var bucket = await CreateBucketAsync("nonempty");
        await PutTextAsync(bucket, "dir/object.txt", "content");

        await S3Assert.ThrowsAsync(
            HttpStatusCode.Conflict,
            "BucketNotEmpty",
            () => S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }));

        Assert.Equal(HttpStatusCode.OK, (await S3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket })).HttpStatusCode);
        Assert.Equal("content", await GetTextAsync(bucket, "dir/object.txt"));
    }

    [Fact]
    public async Task DeleteBucket_Empty_RemovesIt()
    {
        var bucket = await CreateBucketAsync("empty");
        await PutTextAsync(bucket, "temporary", "x");
        await S3.DeleteObjectAsync(bucket, "temporary");

        var response = await S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.NoContent, response.HttpStatusCode);
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            null,
            () => S3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }));
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            "NoSuchBucket",
            () => S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }));
        var names = ((await S3.ListBucketsAsync()).Buckets ?? []).Select(b => b.BucketName);
        Assert.DoesNotContain(bucket, names);
    }

    [Fact]
    public async Task DeleteBucket_Missing_FailsWithNoSuchBucket()
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            "NoSuchBucket",
            () => S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = UniqueBucketName("gone") }));
    }

    [Fact]
    public async Task DeleteBucket_ThenCreateAgain_StartsEmpty()
    {
        var bucket = await CreateBucketAsync("recreate");
        await PutTextAsync(bucket, "old", "x");
        await S3.DeleteObjectAsync(bucket, "old");
        await S3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket });

        await S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });

        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task GetBucketLocation_DefaultRegion_ReportsUsEast1()
    {
        var bucket = await CreateBucketAsync("location");

        var response = await S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket });

        // us-east-1 is reported as an empty LocationConstraint by S3; "us-east-1" is accepted too (docs/s3-compatibility.md "Addressing").
        Assert.Contains(response.Location?.Value, new[] { "", "us-east-1" });
    }

    [Fact]
    public async Task GetBucketLocation_MissingBucket_FailsWithNoSuchBucket()
    {
        await S3Assert.ThrowsAsync(
            HttpStatusCode.NotFound,
            "NoSuchBucket",
            () => S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = UniqueBucketName("nowhere") }));
    }
}

/// <summary>GetBucketLocation on a server configured for another region.</summary>
public sealed class BucketLocationTests : SdkTestBase, IClassFixture<EuCentralServerFixture>
{
    public BucketLocationTests(EuCentralServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task GetBucketLocation_ConfiguredRegion_ReportsThatRegion()
    {
        var bucket = await CreateBucketAsync("eu-location");

        var response = await S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket });

        Assert.Equal(EuCentralServerFixture.Region, response.Location?.Value);
    }
}
