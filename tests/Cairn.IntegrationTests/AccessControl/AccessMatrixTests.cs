using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.AccessControl;

/// <summary>
/// The access matrix: who (root, the bucket owner, another user, another user named by a grant or policy,
/// anonymous) may do what (listings, reads, writes, every multipart step, ACL reads and writes) under each way of
/// sharing a bucket (canned ACLs, explicit grants, bucket policy allow and deny, user policies, the public access
/// block). Every cell is a real request through AWSSDK.S3 with that principal's key, and its expected answer is
/// written out below as S3 documents it: allowed, or 403 AccessDenied. One scenario per test case, so a failure
/// names its scenario and lists every wrong cell.
/// </summary>
public sealed class AccessMatrixTests : IClassFixture<CairnServerFixture>, IAsyncLifetime
{
    private readonly CairnServerFixture _fixture;
    private readonly Dictionary<Who, AmazonS3Client> _clients = [];
    private TestUser _owner = null!;
    private TestUser _other = null!;
    private TestUser _grantee = null!;

    public AccessMatrixTests(CairnServerFixture fixture)
    {
        _fixture = fixture;
    }

    public enum Who
    {
        Root,
        Owner,
        Other,
        Grantee,
        Anonymous,
    }

    public enum Op
    {
        ListObjects,
        GetObject,
        HeadObject,
        PutObject,
        DeleteObject,
        CreateMultipartUpload,
        UploadPart,
        CompleteMultipartUpload,
        AbortMultipartUpload,
        ListMultipartUploads,
        ListParts,
        GetObjectAcl,
        PutObjectAcl,
    }

    public enum Scenario
    {
        Private,
        PublicRead,
        PublicReadWrite,
        AuthenticatedRead,
        ExplicitGrants,
        BucketPolicyAllow,
        BucketPolicyDeny,
        UserPolicies,
        PublicAccessBlock,
    }

    private static readonly Op[] Everything = Enum.GetValues<Op>();
    private static readonly Op[] Listing = [Op.ListObjects, Op.ListMultipartUploads];
    private static readonly Op[] Reading = [Op.GetObject, Op.HeadObject];
    private static readonly Op[] Writing =
    [
        Op.PutObject, Op.DeleteObject, Op.CreateMultipartUpload, Op.UploadPart, Op.CompleteMultipartUpload,
        Op.AbortMultipartUpload, Op.ListParts,
    ];

    /// <summary>
    /// What each principal other than root and the owner may do (root and the owner may do everything in every
    /// scenario here). Bucket READ lists, bucket WRITE writes (every multipart step included), object READ reads,
    /// READ_ACP / WRITE_ACP on the object read and replace its ACL.
    /// </summary>
    private static readonly Dictionary<Scenario, Dictionary<Who, Op[]>> Expected = new()
    {
        [Scenario.Private] = new() { [Who.Other] = [], [Who.Grantee] = [], [Who.Anonymous] = [] },
        [Scenario.PublicRead] = new()
        {
            [Who.Other] = [.. Listing, .. Reading], [Who.Grantee] = [.. Listing, .. Reading], [Who.Anonymous] = [.. Listing, .. Reading],
        },
        [Scenario.PublicReadWrite] = new()
        {
            [Who.Other] = [.. Listing, .. Reading, .. Writing],
            [Who.Grantee] = [.. Listing, .. Reading, .. Writing],
            [Who.Anonymous] = [.. Listing, .. Reading, .. Writing],
        },
        [Scenario.AuthenticatedRead] = new()
        {
            [Who.Other] = [.. Listing, .. Reading], [Who.Grantee] = [.. Listing, .. Reading], [Who.Anonymous] = [],
        },
        // Bucket: grantee READ + WRITE; objects: grantee READ + READ_ACP.
        [Scenario.ExplicitGrants] = new()
        {
            [Who.Other] = [], [Who.Grantee] = [.. Listing, .. Reading, .. Writing, Op.GetObjectAcl], [Who.Anonymous] = [],
        },
        // Private ACLs; the policy allows the grantee s3:ListBucket and s3:GetObject (HeadObject needs GetObject).
        [Scenario.BucketPolicyAllow] = new()
        {
            [Who.Other] = [], [Who.Grantee] = [Op.ListObjects, .. Reading], [Who.Anonymous] = [],
        },
        // public-read-write ACLs; the policy denies the grantee s3:* on the bucket and its objects.
        [Scenario.BucketPolicyDeny] = new()
        {
            [Who.Other] = [.. Listing, .. Reading, .. Writing],
            [Who.Grantee] = [],
            [Who.Anonymous] = [.. Listing, .. Reading, .. Writing],
        },
        // public-read ACLs; the grantee's user policy allows s3:* on this bucket, the other user's denies s3:GetObject.
        [Scenario.UserPolicies] = new()
        {
            [Who.Other] = [.. Listing], [Who.Grantee] = Everything, [Who.Anonymous] = [.. Listing, .. Reading],
        },
        // public-read ACLs, then every public-access switch on: the public grants count for nothing.
        [Scenario.PublicAccessBlock] = new() { [Who.Other] = [], [Who.Grantee] = [], [Who.Anonymous] = [] },
    };

    public static TheoryData<Scenario> Scenarios => new(Enum.GetValues<Scenario>());

    public async Task InitializeAsync()
    {
        var host = _fixture.Host;
        _owner = await TestUsers.CreateAsync(host, "owner");
        _other = await TestUsers.CreateAsync(host, "other");
        _grantee = await TestUsers.CreateAsync(host, "grantee");
        _clients[Who.Root] = _fixture.CreateClient();
        _clients[Who.Owner] = _owner.Client(host);
        _clients[Who.Other] = _other.Client(host);
        _clients[Who.Grantee] = _grantee.Client(host);
        _clients[Who.Anonymous] = TestUsers.Anonymous(host);
    }

    public Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_cell_answers_as_S3_documents(Scenario scenario)
    {
        var bucket = $"matrix-{scenario.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];
        await SetUpAsync(scenario, bucket);

        var wrong = new List<string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            var allowed = who is Who.Root or Who.Owner ? Everything : Expected[scenario][who];
            foreach (var op in Everything)
            {
                var expected = allowed.Contains(op);
                var actual = await TryAsync(scenario, bucket, who, op);
                if (actual != expected)
                {
                    wrong.Add($"{who} {op}: expected {(expected ? "allowed" : "AccessDenied")}, got {(actual ? "allowed" : "AccessDenied")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{scenario}:\n" + string.Join('\n', wrong));
    }

    private AmazonS3Client Owner => _clients[Who.Owner];

    private async Task SetUpAsync(Scenario scenario, string bucket)
    {
        var create = new PutBucketRequest { BucketName = bucket };
        var canned = CannedFor(scenario);
        if (canned is not null)
        {
            create.CannedACL = canned;
        }
        else if (scenario == Scenario.ExplicitGrants)
        {
            create.Grants = [Grant(_grantee.Id, S3Permission.READ), Grant(_grantee.Id, S3Permission.WRITE)];
        }

        await Owner.PutBucketAsync(create);
        await PutOwnedAsync(scenario, bucket, "obj", setUp: true);
        switch (scenario)
        {
            case Scenario.BucketPolicyAllow:
                await Owner.PutBucketPolicyAsync(bucket, Policy("Allow", _grantee.Name, bucket, "\"s3:ListBucket\", \"s3:GetObject\""));
                break;
            case Scenario.BucketPolicyDeny:
                await Owner.PutBucketPolicyAsync(bucket, Policy("Deny", _grantee.Name, bucket, "\"s3:*\""));
                break;
            case Scenario.UserPolicies:
                await TestUsers.PutPolicyAsync(_fixture.Host, _grantee, "matrix-" + bucket, UserPolicy("Allow", bucket, "s3:*"));
                await TestUsers.PutPolicyAsync(_fixture.Host, _other, "matrix-" + bucket, UserPolicy("Deny", bucket, "s3:GetObject"));
                break;
            case Scenario.PublicAccessBlock:
                await Owner.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
                {
                    BucketName = bucket,
                    PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
                    {
                        BlockPublicAcls = true, IgnorePublicAcls = true, BlockPublicPolicy = true, RestrictPublicBuckets = true,
                    },
                });
                break;
        }
    }

    private static S3CannedACL? CannedFor(Scenario scenario) => scenario switch
    {
        Scenario.Private or Scenario.BucketPolicyAllow => S3CannedACL.Private,
        Scenario.PublicRead or Scenario.UserPolicies or Scenario.PublicAccessBlock => S3CannedACL.PublicRead,
        Scenario.PublicReadWrite or Scenario.BucketPolicyDeny => S3CannedACL.PublicReadWrite,
        Scenario.AuthenticatedRead => S3CannedACL.AuthenticatedRead,
        _ => null,
    };

    /// <summary>
    /// An object of the owner's with the scenario's object ACL. Objects made after the public access block is on
    /// (<paramref name="setUp"/> false) carry no ACL, which that block would refuse; its public grants would count
    /// for nothing anyway.
    /// </summary>
    private async Task PutOwnedAsync(Scenario scenario, string bucket, string key, bool setUp = false)
    {
        var put = new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "shared" };
        if (scenario == Scenario.ExplicitGrants)
        {
            put.Grants = [Grant(_grantee.Id, S3Permission.READ), Grant(_grantee.Id, S3Permission.READ_ACP)];
        }
        else if (CannedFor(scenario) is { } canned && (setUp || scenario != Scenario.PublicAccessBlock))
        {
            put.CannedACL = canned;
        }

        await Owner.PutObjectAsync(put);
    }

    /// <summary>True when the request was allowed; false for 403; anything else fails the test.</summary>
    private async Task<bool> TryAsync(Scenario scenario, string bucket, Who who, Op op)
    {
        var client = _clients[who];
        var key = $"{op}-{who}".ToLowerInvariant();
        try
        {
            switch (op)
            {
                case Op.ListObjects:
                    await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
                    break;
                case Op.GetObject:
                    using (var got = await client.GetObjectAsync(bucket, "obj"))
                    {
                        await got.ResponseStream.CopyToAsync(Stream.Null);
                    }

                    break;
                case Op.HeadObject:
                    await client.GetObjectMetadataAsync(bucket, "obj");
                    break;
                case Op.PutObject:
                    await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x" });
                    break;
                case Op.DeleteObject:
                    await PutOwnedAsync(scenario, bucket, key);
                    await client.DeleteObjectAsync(bucket, key);
                    break;
                case Op.CreateMultipartUpload:
                    await client.InitiateMultipartUploadAsync(bucket, key);
                    break;
                case Op.UploadPart:
                    await client.UploadPartAsync(Part(bucket, key, await OwnersUploadAsync(bucket, key)));
                    break;
                case Op.CompleteMultipartUpload:
                    var toComplete = await OwnersUploadAsync(bucket, key);
                    var part = await Owner.UploadPartAsync(Part(bucket, key, toComplete));
                    await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                    {
                        BucketName = bucket, Key = key, UploadId = toComplete, PartETags = [new PartETag(1, part.ETag)],
                    });
                    break;
                case Op.AbortMultipartUpload:
                    await client.AbortMultipartUploadAsync(bucket, key, await OwnersUploadAsync(bucket, key));
                    break;
                case Op.ListMultipartUploads:
                    await client.ListMultipartUploadsAsync(bucket);
                    break;
                case Op.ListParts:
                    await client.ListPartsAsync(bucket, key, await OwnersUploadAsync(bucket, key));
                    break;
                case Op.GetObjectAcl:
                    await client.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "obj" });
                    break;
                case Op.PutObjectAcl:
                    await PutOwnedAsync(scenario, bucket, key);
                    await client.PutObjectAclAsync(new PutObjectAclRequest { BucketName = bucket, Key = key, ACL = S3CannedACL.Private });
                    break;
            }

            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            Assert.True(e.ErrorCode is "AccessDenied" or "Forbidden", $"{who} {op}: 403 with code {e.ErrorCode}");
            return false;
        }
    }

    private async Task<string> OwnersUploadAsync(string bucket, string key) =>
        (await Owner.InitiateMultipartUploadAsync(bucket, key)).UploadId;

    private static UploadPartRequest Part(string bucket, string key, string uploadId) => new()
    {
        BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = 1, InputStream = new MemoryStream(Encoding.UTF8.GetBytes("part")),
    };

    private static S3Grant Grant(string userId, S3Permission permission) =>
        new() { Grantee = new S3Grantee { CanonicalUser = userId }, Permission = permission };

    private static string Policy(string effect, string userName, string bucket, string actions) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "{{effect}}",
            "Principal": { "AWS": "arn:aws:iam::000000000000:user/{{userName}}" },
            "Action": [{{actions}}],
            "Resource": ["arn:aws:s3:::{{bucket}}", "arn:aws:s3:::{{bucket}}/*"]
          }]
        }
        """;

    private static string UserPolicy(string effect, string bucket, string action) => $$"""
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "{{effect}}",
            "Action": "{{action}}",
            "Resource": ["arn:aws:s3:::{{bucket}}", "arn:aws:s3:::{{bucket}}/*"]
          }]
        }
        """;
}
