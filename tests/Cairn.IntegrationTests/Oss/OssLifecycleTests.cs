using System.Net;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Oss.OssTestKit;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// PutBucketLifecycle / GetBucketLifecycle / DeleteBucketLifecycle in OSS's XML over real HTTP: rules round-trip,
/// OSS's refusals carry their EC, a bucket without rules is NoSuchLifecycle, and GET/HEAD show x-oss-expiration.
/// </summary>
public sealed class OssLifecycleTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string Rules = """
        <LifecycleConfiguration>
          <Rule><ID>logs</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>200</Days></Expiration>
            <Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition><Tag><Key>tier</Key><Value>cold</Value></Tag>
            <Filter><Not><Prefix>logs/keep/</Prefix></Not><ObjectSizeGreaterThan>1</ObjectSizeGreaterThan></Filter></Rule>
          <Rule><ID>uploads</ID><Prefix>up/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>7</Days></AbortMultipartUpload>
            <Expiration><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration></Rule>
          <Rule><ID>all</ID><Prefix>x/</Prefix><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>
        </LifecycleConfiguration>
        """;

    private readonly RawOssClient _oss;

    public OssLifecycleTests(CairnServerFixture fixture)
        : base(fixture)
    {
        _oss = new RawOssClient(fixture);
    }

    [Fact]
    public async Task Rules_read_back_as_put_and_delete_removes_them()
    {
        var bucket = await CreateBucketAsync("oss-lc");

        using (var put = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "/?lifecycle", Encoding.UTF8.GetBytes(Rules)))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        using (var get = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "/?lifecycle"))
        {
            var document = await DocumentAsync(get);
            var rules = document.Elements("Rule").ToList();
            Assert.Equal(["logs", "uploads", "all"], rules.Select(r => r.Element("ID")!.Value));
            Assert.Equal("200", rules[0].Element("Expiration")!.Element("Days")!.Value);
            Assert.Equal("IA", rules[0].Element("Transition")!.Element("StorageClass")!.Value);
            Assert.Equal("cold", rules[0].Element("Tag")!.Element("Value")!.Value);
            Assert.Equal("logs/keep/", rules[0].Element("Filter")!.Element("Not")!.Element("Prefix")!.Value);
            Assert.Equal("7", rules[1].Element("AbortMultipartUpload")!.Element("Days")!.Value);
            Assert.Equal("2024-01-01T00:00:00.000Z", rules[1].Element("Expiration")!.Element("CreatedBeforeDate")!.Value);
        }

        using (var delete = await _oss.SendAsync(HttpMethod.Delete, "/" + bucket + "/?lifecycle"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var missing = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "/?lifecycle");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NoSuchLifecycle", (await DocumentAsync(missing)).Element("Code")!.Value);
    }

    [Theory]
    [InlineData("<Expiration></Expiration>", "0014-00000060")]
    [InlineData("<AbortMultipartUpload></AbortMultipartUpload>", "0014-00000073")]
    [InlineData("", "0014-00000026")]
    public async Task OSS_refusals_carry_their_EC(string actions, string ec)
    {
        var bucket = await CreateBucketAsync("oss-lc-bad");
        var document = $"<LifecycleConfiguration><Rule><ID>r</ID><Prefix>p/</Prefix><Status>Enabled</Status>{actions}</Rule></LifecycleConfiguration>";

        using var put = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "/?lifecycle", Encoding.UTF8.GetBytes(document));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = await DocumentAsync(put);
        Assert.Equal("InvalidArgument", error.Element("Code")!.Value);
        Assert.Equal(ec, error.Element("EC")!.Value);
        Assert.Equal(ec, Header(put, "x-oss-ec"));
    }

    [Fact]
    public async Task Get_and_head_of_an_object_a_rule_expires_carry_x_oss_expiration()
    {
        var bucket = await CreateBucketAsync("oss-lc-expiry");
        using (var put = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "/?lifecycle", Encoding.UTF8.GetBytes(Rules)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await PutTextAsync(bucket, "x/a.txt", "expires");
        await PutTextAsync(bucket, "other/a.txt", "kept");

        using var get = await _oss.SendAsync(HttpMethod.Get, RawOssClient.ObjectPath(bucket, "x/a.txt"));
        using var head = await _oss.SendAsync(HttpMethod.Head, RawOssClient.ObjectPath(bucket, "x/a.txt"));
        using var other = await _oss.SendAsync(HttpMethod.Head, RawOssClient.ObjectPath(bucket, "other/a.txt"));

        var lastModified = head.Content.Headers.LastModified!.Value.UtcDateTime.AddDays(2);
        var expected = (lastModified.TimeOfDay == TimeSpan.Zero ? lastModified : lastModified.Date.AddDays(1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"expiry-date=\"{expected}\", rule-id=\"all\"", Header(get, "x-oss-expiration"));
        Assert.Equal(Header(get, "x-oss-expiration"), Header(head, "x-oss-expiration"));
        Assert.Null(Header(other, "x-oss-expiration"));
        Assert.Null(Header(get, "x-amz-expiration"));
    }

    public override async Task DisposeAsync()
    {
        _oss.Dispose();
        await base.DisposeAsync();
    }
}
