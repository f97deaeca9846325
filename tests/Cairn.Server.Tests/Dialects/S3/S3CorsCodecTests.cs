using System.Text;
using System.Xml.Linq;
using Cairn.Core.Cors;
using Cairn.Core.Errors;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>The CORSConfiguration document in and out: every element read, written back in S3's order, bad shapes refused.</summary>
public sealed class S3CorsCodecTests
{
    private const string Document = """
        <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <CORSRule>
            <ID>uploads</ID>
            <AllowedOrigin>https://app.example.com</AllowedOrigin>
            <AllowedOrigin>http://*.example.com</AllowedOrigin>
            <AllowedMethod>PUT</AllowedMethod>
            <AllowedMethod>POST</AllowedMethod>
            <AllowedHeader>Content-Type</AllowedHeader>
            <AllowedHeader>x-amz-*</AllowedHeader>
            <ExposeHeader>ETag</ExposeHeader>
            <MaxAgeSeconds>3000</MaxAgeSeconds>
          </CORSRule>
          <CORSRule>
            <AllowedMethod>GET</AllowedMethod>
            <AllowedOrigin>*</AllowedOrigin>
          </CORSRule>
        </CORSConfiguration>
        """;

    [Fact]
    public async Task A_configuration_document_is_read_rule_by_rule()
    {
        var configuration = await ReadAsync(Document);

        Assert.Equal(2, configuration.Rules.Count);
        var first = configuration.Rules[0];
        Assert.Equal("uploads", first.Id);
        Assert.Equal(["https://app.example.com", "http://*.example.com"], first.AllowedOrigins);
        Assert.Equal(["PUT", "POST"], first.AllowedMethods);
        Assert.Equal(["Content-Type", "x-amz-*"], first.AllowedHeaders);
        Assert.Equal(["ETag"], first.ExposeHeaders);
        Assert.Equal(3000, first.MaxAgeSeconds);
        var second = configuration.Rules[1];
        Assert.Null(second.Id);
        Assert.Null(second.MaxAgeSeconds);
        Assert.Empty(second.AllowedHeaders);
    }

    [Fact]
    public async Task A_configuration_is_written_back_as_read()
    {
        var configuration = await ReadAsync(Document);
        var r = S3CodecTestKit.Request(Operation.GetBucketCors, key: null, "cors");

        await S3CorsCodec.WriteAsync(r, configuration);

        var written = XElement.Parse(Encoding.UTF8.GetString(((MemoryStream)r.Response.Body).ToArray()));
        Assert.Equal(XName.Get("CORSConfiguration", S3Xml.Namespace), written.Name);
        Assert.Equal(configuration.Rules, S3CorsCodec.ReadRules(written), new RuleEquality());
        var order = written.Elements().First().Elements().Select(e => e.Name.LocalName).Distinct();
        Assert.Equal(["ID", "AllowedHeader", "AllowedMethod", "AllowedOrigin", "ExposeHeader", "MaxAgeSeconds"], order);
    }

    [Theory]
    [InlineData("<CORSConfiguration/>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>soon</MaxAgeSeconds></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>-1</MaxAgeSeconds></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><ID>a</ID><ID>b</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")]
    [InlineData("<LifecycleConfiguration/>")]
    [InlineData("<CORSConfiguration><CORSRule>")]
    public async Task A_malformed_document_is_MalformedXML(string document)
    {
        var e = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, e.Code);
    }

    [Fact]
    public async Task A_document_over_64_KB_is_refused()
    {
        var padding = string.Concat(Enumerable.Repeat("<AllowedOrigin>http://padding.example.com</AllowedOrigin>", 1200));
        var document = $"<CORSConfiguration><CORSRule>{padding}<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>";

        var e = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, e.Code);
    }

    private static Task<CorsConfiguration> ReadAsync(string document)
    {
        var r = S3CodecTestKit.Request(Operation.PutBucketCors, key: null, "cors");
        r.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(document));
        return S3CorsCodec.ReadAsync(r);
    }

    private sealed class RuleEquality : IEqualityComparer<CorsRule>
    {
        public bool Equals(CorsRule? x, CorsRule? y) =>
            x is not null && y is not null && x.Id == y.Id && x.MaxAgeSeconds == y.MaxAgeSeconds
            && x.AllowedOrigins.SequenceEqual(y.AllowedOrigins) && x.AllowedMethods.SequenceEqual(y.AllowedMethods)
            && x.AllowedHeaders.SequenceEqual(y.AllowedHeaders) && x.ExposeHeaders.SequenceEqual(y.ExposeHeaders);

        public int GetHashCode(CorsRule obj) => obj.AllowedOrigins.Count;
    }
}
