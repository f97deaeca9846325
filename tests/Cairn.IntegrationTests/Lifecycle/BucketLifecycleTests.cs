using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Lifecycle;

/// <summary>
/// Put/Get/DeleteBucketLifecycleConfiguration through AWSSDK.S3 and raw requests: every element round-trips, a missing
/// configuration is NoSuchLifecycleConfiguration, bad documents are refused with S3's codes and change nothing.
/// </summary>
public sealed class BucketLifecycleTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public BucketLifecycleTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Every_element_reads_back_as_put()
    {
        var bucket = await CreateBucketAsync("lc-roundtrip");
        var date = new DateTime(2031, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var rules = new List<LifecycleRule>
        {
            new()
            {
                Id = "logs",
                Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter
                {
                    LifecycleFilterPredicate = new LifecycleAndOperator
                    {
                        Operands =
                        [
                            new LifecyclePrefixPredicate { Prefix = "logs/" },
                            new LifecycleTagPredicate { Tag = new Tag { Key = "tier", Value = "cold" } },
                            new LifecycleObjectSizeGreaterThanPredicate { ObjectSizeGreaterThan = 100 },
                            new LifecycleObjectSizeLessThanPredicate { ObjectSizeLessThan = 5000 },
                        ],
                    },
                },
                Expiration = new LifecycleRuleExpiration { Days = 30 },
                Transitions = [new LifecycleTransition { Days = 10, StorageClass = S3StorageClass.StandardInfrequentAccess }],
                NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 40, NewerNoncurrentVersions = 2 },
                NoncurrentVersionTransitions = [new LifecycleRuleNoncurrentVersionTransition { NoncurrentDays = 5, StorageClass = S3StorageClass.Glacier }],
            },
            new()
            {
                Id = "uploads",
                Status = LifecycleRuleStatus.Disabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "uploads/" } },
                AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 7 },
            },
            new()
            {
                Id = "dated",
                Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecycleTagPredicate { Tag = new Tag { Key = "k", Value = "v" } } },
                Expiration = new LifecycleRuleExpiration { Date = date },
            },
            new()
            {
                Id = "markers",
                Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "m/" } },
                Expiration = new LifecycleRuleExpiration { ExpiredObjectDeleteMarker = true },
            },
        };

        await S3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration { Rules = rules },
        });
        var read = (await S3.GetLifecycleConfigurationAsync(bucket)).Configuration.Rules;

        Assert.Equal(["logs", "uploads", "dated", "markers"], read.Select(r => r.Id));
        var logs = read[0];
        Assert.Equal(LifecycleRuleStatus.Enabled, logs.Status);
        var and = Assert.IsType<LifecycleAndOperator>(logs.Filter.LifecycleFilterPredicate);
        Assert.Equal("logs/", Assert.IsType<LifecyclePrefixPredicate>(and.Operands[0]).Prefix);
        Assert.Equal("cold", Assert.IsType<LifecycleTagPredicate>(and.Operands[1]).Tag.Value);
        Assert.Equal(100, Assert.IsType<LifecycleObjectSizeGreaterThanPredicate>(and.Operands[2]).ObjectSizeGreaterThan);
        Assert.Equal(5000, Assert.IsType<LifecycleObjectSizeLessThanPredicate>(and.Operands[3]).ObjectSizeLessThan);
        Assert.Equal(30, logs.Expiration.Days);
        Assert.Equal(10, Assert.Single(logs.Transitions).Days);
        Assert.Equal(S3StorageClass.StandardInfrequentAccess, logs.Transitions[0].StorageClass);
        Assert.Equal(40, logs.NoncurrentVersionExpiration.NoncurrentDays);
        Assert.Equal(2, logs.NoncurrentVersionExpiration.NewerNoncurrentVersions);
        Assert.Equal(5, Assert.Single(logs.NoncurrentVersionTransitions).NoncurrentDays);
        Assert.Equal(LifecycleRuleStatus.Disabled, read[1].Status);
        Assert.Equal("uploads/", Assert.IsType<LifecyclePrefixPredicate>(read[1].Filter.LifecycleFilterPredicate).Prefix);
        Assert.Equal(7, read[1].AbortIncompleteMultipartUpload.DaysAfterInitiation);
        Assert.Equal("v", Assert.IsType<LifecycleTagPredicate>(read[2].Filter.LifecycleFilterPredicate).Tag.Value);
        Assert.Equal(date, read[2].Expiration.Date!.Value.ToUniversalTime());
        Assert.True(read[3].Expiration.ExpiredObjectDeleteMarker);
    }

    [Fact]
    public async Task A_bucket_without_rules_answers_NoSuchLifecycleConfiguration_and_delete_removes_them()
    {
        var bucket = await CreateBucketAsync("lc-delete");
        await AssertNoRulesAsync(bucket);

        await PutDocumentAsync(bucket, Rule("<Filter><Prefix>a/</Prefix></Filter>", "<Expiration><Days>1</Days></Expiration>"));
        var deleted = await S3.DeleteLifecycleConfigurationAsync(bucket);
        var again = await S3.DeleteLifecycleConfigurationAsync(bucket);

        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.HttpStatusCode);
        await AssertNoRulesAsync(bucket);
    }

    [Fact]
    public async Task A_document_without_Content_MD5_or_a_checksum_is_refused_and_a_checksum_will_do()
    {
        var bucket = await CreateBucketAsync("lc-integrity");
        var body = Encoding.UTF8.GetBytes(Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>"));

        using (var bare = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle", body))
        {
            var error = await S3Assert.ErrorAsync(bare, HttpStatusCode.BadRequest, "InvalidRequest");
            Assert.Equal("Missing required header for this request: Content-MD5", error.Element("Message")?.Value);
        }

        using (var wrong = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle", body,
            r => r.Content!.Headers.ContentMD5 = MD5.HashData("something else"u8.ToArray())))
        {
            await S3Assert.ErrorAsync(wrong, HttpStatusCode.BadRequest, "BadDigest");
        }

        await AssertNoRulesAsync(bucket);
        var crc = TestChecksums.Crc32(body);
        using var withChecksum = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle", body, r => r.Headers.Add("x-amz-checksum-crc32", crc));
        Assert.Equal(HttpStatusCode.OK, withChecksum.StatusCode);
    }

    public static TheoryData<string, string, string> BadDocuments => new()
    {
        { "Days = 0", Rule("<Filter/>", "<Expiration><Days>0</Days></Expiration>"), "InvalidArgument" },
        { "a Date not at midnight", Rule("<Filter/>", "<Expiration><Date>2030-01-01T01:00:00Z</Date></Expiration>"), "InvalidArgument" },
        { "both Days and Date", Rule("<Filter/>", "<Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration>"), "MalformedXML" },
        { "an unknown element", Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration><Colour/>"), "MalformedXML" },
        { "AbortIncompleteMultipartUpload with a tag", Rule("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>", "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"), "InvalidRequest" },
        { "overlapping legacy prefixes", "<LifecycleConfiguration><Rule><ID>a</ID><Prefix>x/</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule><Rule><ID>b</ID><Prefix>x/y</Prefix><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule></LifecycleConfiguration>", "InvalidRequest" },
        { "1,001 rules", "<LifecycleConfiguration>" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"<Rule><ID>r{i}</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>")) + "</LifecycleConfiguration>", "InvalidRequest" },
        { "another root", "<CORSConfiguration/>", "MalformedXML" },
        { "not XML", "<LifecycleConfiguration>", "MalformedXML" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_refused_and_the_rules_stay(string why, string document, string code)
    {
        var bucket = await CreateBucketAsync("lc-bad");
        await PutDocumentAsync(bucket, Rule("<Filter><Prefix>kept/</Prefix></Filter>", "<Expiration><Days>3</Days></Expiration>"));

        using var response = await SendDocumentAsync(bucket, document);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
        var kept = Assert.Single((await S3.GetLifecycleConfigurationAsync(bucket)).Configuration.Rules);
        Assert.Equal(3, kept.Expiration.Days);
    }

    [Fact]
    public async Task A_missing_bucket_is_NoSuchBucket()
    {
        using var response = await SendDocumentAsync(UniqueBucketName("lc-missing"), Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>"));

        await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");
    }

    internal static string Rule(string scope, string actions) =>
        $"<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ID>rule</ID>{scope}<Status>Enabled</Status>{actions}</Rule></LifecycleConfiguration>";

    /// <summary>GET ?lifecycle answers 404 NoSuchLifecycleConfiguration naming the bucket (AWSSDK.S3 reads that as no rules).</summary>
    private async Task AssertNoRulesAsync(string bucket)
    {
        using var missing = await Raw.SendAsync(HttpMethod.Get, "/" + bucket + "?lifecycle");
        var error = await S3Assert.ErrorAsync(missing, HttpStatusCode.NotFound, "NoSuchLifecycleConfiguration");
        Assert.Equal(bucket, error.Element("BucketName")?.Value);
    }

    private async Task PutDocumentAsync(string bucket, string document)
    {
        using var response = await SendDocumentAsync(bucket, document);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendDocumentAsync(string bucket, string document)
    {
        var body = Encoding.UTF8.GetBytes(document);
        return Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle", body, r => r.Content!.Headers.ContentMD5 = MD5.HashData(body));
    }
}
