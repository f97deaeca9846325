using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Cors;

/// <summary>Put/Get/DeleteBucketCors through AWSSDK.S3: the rules round-trip, bad ones are refused and change nothing.</summary>
public sealed class BucketCorsTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public BucketCorsTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_configuration_reads_back_as_put()
    {
        var bucket = await CreateBucketAsync("cors-roundtrip");
        var rules = new List<CORSRule>
        {
            new()
            {
                Id = "browser-uploads",
                AllowedOrigins = ["https://app.example.com", "http://*.example.com"],
                AllowedMethods = ["PUT", "POST", "GET"],
                AllowedHeaders = ["Content-Type", "x-amz-*"],
                ExposeHeaders = ["ETag"],
                MaxAgeSeconds = 3000,
            },
            new() { AllowedOrigins = ["*"], AllowedMethods = ["HEAD"] },
        };

        await S3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = new CORSConfiguration { Rules = rules } });
        var read = (await S3.GetCORSConfigurationAsync(bucket)).Configuration.Rules;

        Assert.Equal(2, read.Count);
        Assert.Equal("browser-uploads", read[0].Id);
        Assert.Equal(rules[0].AllowedOrigins, read[0].AllowedOrigins);
        Assert.Equal(rules[0].AllowedMethods, read[0].AllowedMethods);
        Assert.Equal(rules[0].AllowedHeaders, read[0].AllowedHeaders);
        Assert.Equal(["ETag"], read[0].ExposeHeaders);
        Assert.Equal(3000, read[0].MaxAgeSeconds);
        Assert.Equal(["*"], read[1].AllowedOrigins);
        Assert.Equal(["HEAD"], read[1].AllowedMethods);
    }

    [Fact]
    public async Task A_bucket_without_configuration_answers_NoSuchCORSConfiguration_and_delete_removes_it()
    {
        var bucket = await CreateBucketAsync("cors-delete");
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.GetCORSConfigurationAsync(bucket));
        Assert.Equal((HttpStatusCode.NotFound, "NoSuchCORSConfiguration"), (missing.StatusCode, missing.ErrorCode));

        await PutRulesAsync(bucket, new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"] });
        var deleted = await S3.DeleteCORSConfigurationAsync(bucket);
        var again = await S3.DeleteCORSConfigurationAsync(bucket);

        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.HttpStatusCode);
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.GetCORSConfigurationAsync(bucket));
        Assert.Equal("NoSuchCORSConfiguration", gone.ErrorCode);
    }

    [Fact]
    public async Task A_new_configuration_replaces_the_old_one()
    {
        var bucket = await CreateBucketAsync("cors-replace");
        await PutRulesAsync(bucket, new CORSRule { AllowedOrigins = ["http://old.example"], AllowedMethods = ["GET"] });

        await PutRulesAsync(bucket, new CORSRule { AllowedOrigins = ["http://new.example"], AllowedMethods = ["PUT"] });

        var rule = Assert.Single((await S3.GetCORSConfigurationAsync(bucket)).Configuration.Rules);
        Assert.Equal(["http://new.example"], rule.AllowedOrigins);
    }

    [Theory]
    [InlineData("OPTIONS", "http://a.example", "InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is OPTIONS")]
    [InlineData("PATCH", "http://a.example", "InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is PATCH")]
    [InlineData("GET", "*example*.com", "InvalidRequest", "AllowedOrigin \"*example*.com\" can not have more than one wildcard.")]
    public async Task A_bad_rule_is_refused_and_the_configuration_stays_as_it_was(string method, string origin, string code, string message)
    {
        var bucket = await CreateBucketAsync("cors-refused");
        await PutRulesAsync(bucket, new CORSRule { AllowedOrigins = ["http://kept.example"], AllowedMethods = ["GET"] });

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            PutRulesAsync(bucket, new CORSRule { AllowedOrigins = [origin], AllowedMethods = ["GET", method] }));

        Assert.Equal((HttpStatusCode.BadRequest, code, message), (e.StatusCode, e.ErrorCode, e.Message));
        var kept = Assert.Single((await S3.GetCORSConfigurationAsync(bucket)).Configuration.Rules);
        Assert.Equal(["http://kept.example"], kept.AllowedOrigins);
    }

    [Fact]
    public async Task More_than_a_hundred_rules_are_refused()
    {
        var bucket = await CreateBucketAsync("cors-many");
        var rules = Enumerable.Range(0, 101).Select(i => new CORSRule { AllowedOrigins = [$"http://{i}.example"], AllowedMethods = ["GET"] }).ToArray();

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutRulesAsync(bucket, rules));

        Assert.Equal((HttpStatusCode.BadRequest, "MalformedXML"), (e.StatusCode, e.ErrorCode));
    }

    [Fact]
    public async Task A_missing_bucket_is_NoSuchBucket_for_every_cors_operation()
    {
        var bucket = UniqueBucketName("cors-missing");

        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutRulesAsync(bucket, new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"] }));
        var get = await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.GetCORSConfigurationAsync(bucket));
        var delete = await Assert.ThrowsAsync<AmazonS3Exception>(() => S3.DeleteCORSConfigurationAsync(bucket));

        Assert.All([put, get, delete], e => Assert.Equal("NoSuchBucket", e.ErrorCode));
    }

    private Task PutRulesAsync(string bucket, params CORSRule[] rules) => CorsRequests.PutRulesAsync(S3, bucket, rules);
}
