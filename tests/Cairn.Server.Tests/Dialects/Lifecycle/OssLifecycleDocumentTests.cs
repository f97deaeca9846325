using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;
using Cairn.Server.Dialects.Oss;

namespace Cairn.Server.Tests.Dialects.Lifecycle;

/// <summary>OSS's LifecycleConfiguration read into the model and written back, bad documents refused with OSS's code and EC.</summary>
public sealed class OssLifecycleDocumentTests
{
    private const string Full = """
        <LifecycleConfiguration>
          <Rule>
            <ID>logs</ID>
            <Prefix>logs/</Prefix>
            <Status>Enabled</Status>
            <Expiration><Days>200</Days></Expiration>
            <Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition>
            <Tag><Key>tier</Key><Value>cold</Value></Tag>
            <Filter><Not><Prefix>logs/keep/</Prefix><Tag><Key>keep</Key><Value>yes</Value></Tag></Not><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>900</ObjectSizeLessThan></Filter>
            <NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration>
          </Rule>
          <Rule>
            <ID>uploads</ID>
            <Prefix>up/</Prefix>
            <Status>Disabled</Status>
            <AbortMultipartUpload><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></AbortMultipartUpload>
            <Expiration><CreatedBeforeDate>2024-02-01T00:00:00.000Z</CreatedBeforeDate></Expiration>
          </Rule>
          <Rule>
            <ID>everything</ID>
            <Prefix></Prefix>
            <Status>Enabled</Status>
            <AbortMultipartUpload><Days>7</Days></AbortMultipartUpload>
          </Rule>
        </LifecycleConfiguration>
        """;

    [Fact]
    public void Every_element_is_read_into_the_model()
    {
        var rules = Read(Full).Rules;

        var logs = rules[0];
        Assert.Equal("logs/", logs.Filter.Prefix);
        Assert.Equal(new TagSet([new Tag("tier", "cold")]), logs.Filter.Tags);
        var exclusion = Assert.Single(logs.Filter.Not);
        Assert.Equal(new LifecycleExclusion("logs/keep/", new Tag("keep", "yes")), exclusion);
        Assert.Equal(10, logs.Filter.ObjectSizeGreaterThan);
        Assert.Equal(900, logs.Filter.ObjectSizeLessThan);
        Assert.Equal(200, logs.Expiration!.Days);
        Assert.Equal("IA", Assert.Single(logs.Transitions).StorageClass);
        Assert.Equal(5, logs.NoncurrentVersionExpiration!.NoncurrentDays);
        Assert.False(rules[1].Enabled);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), rules[1].AbortIncompleteUpload!.CreatedBefore);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), rules[1].Expiration!.CreatedBefore);
        Assert.Equal(7, rules[2].AbortIncompleteUpload!.Days);
        Assert.Equal(string.Empty, rules[2].Filter.Prefix);
    }

    [Fact]
    public void A_configuration_written_back_reads_as_the_same_configuration()
    {
        var configuration = Read(Full);

        var written = Write(configuration);

        Assert.Equal(LifecycleJson.Write(configuration), LifecycleJson.Write(Read(written)));
        Assert.Contains("<CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate>", written, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, ErrorCode, string?> BadDocuments => new()
    {
        { "an empty Expiration", Rule("<Expiration></Expiration>"), ErrorCode.InvalidArgument, "0014-00000060" },
        { "an Expiration with a false marker only", Rule("<Expiration><ExpiredObjectDeleteMarker>false</ExpiredObjectDeleteMarker></Expiration>"), ErrorCode.InvalidArgument, "0014-00000060" },
        { "an empty AbortMultipartUpload", Rule("<AbortMultipartUpload/>"), ErrorCode.InvalidArgument, "0014-00000073" },
        { "no action", Rule(""), ErrorCode.InvalidArgument, "0014-00000026" },
        { "Days and CreatedBeforeDate", Rule("<Expiration><Days>1</Days><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>"), ErrorCode.InvalidArgument, null },
        { "a CreatedBeforeDate not at midnight", Rule("<Expiration><CreatedBeforeDate>2024-01-01T08:00:00.000Z</CreatedBeforeDate></Expiration>"), ErrorCode.InvalidArgument, null },
        { "Days = 0", Rule("<Expiration><Days>0</Days></Expiration>"), ErrorCode.InvalidArgument, null },
        { "abort Days = 0", Rule("<AbortMultipartUpload><Days>0</Days></AbortMultipartUpload>"), ErrorCode.InvalidArgument, null },
        { "an unknown element", Rule("<Expiration><Days>1</Days></Expiration><Colour/>"), ErrorCode.MalformedXML, null },
        { "a bad Status", Rule("<Expiration><Days>1</Days></Expiration>", status: "On"), ErrorCode.MalformedXML, null },
        { "a transition to an unknown class", Rule("<Transition><Days>1</Days><StorageClass>GLACIER</StorageClass></Transition>"), ErrorCode.InvalidArgument, null },
        { "a repeated prefix", "<LifecycleConfiguration>" + RuleXml("a", "<Expiration><Days>1</Days></Expiration>", "x") + RuleXml("a", "<Expiration><Days>2</Days></Expiration>", "y") + "</LifecycleConfiguration>", ErrorCode.InvalidArgument, null },
        { "duplicate IDs", "<LifecycleConfiguration>" + RuleXml("a", "<Expiration><Days>1</Days></Expiration>", "x") + RuleXml("b", "<Expiration><Days>2</Days></Expiration>", "x") + "</LifecycleConfiguration>", ErrorCode.InvalidArgument, null },
        { "1,001 rules", "<LifecycleConfiguration>" + string.Concat(Enumerable.Range(0, 1001).Select(i => RuleXml("p" + i + "/", "<Expiration><Days>1</Days></Expiration>", "r" + i))) + "</LifecycleConfiguration>", ErrorCode.InvalidRequest, null },
        { "AbortMultipartUpload with tags", Rule("<AbortMultipartUpload><Days>1</Days></AbortMultipartUpload><Tag><Key>k</Key><Value>v</Value></Tag>"), ErrorCode.InvalidRequest, null },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_document_is_refused_as_OSS_refuses_it(string why, string document, ErrorCode code, string? ec)
    {
        var error = Assert.Throws<CairnException>(() => Read(document));

        Assert.True(code == error.Code, $"{why}: {error.Code} {error.Message}");
        if (ec is not null)
        {
            Assert.Equal(ec, error.Extra![OssErrorCatalogue.EcExtra]);
        }
    }

    [Fact]
    public void Rules_with_the_same_prefix_and_different_tags_are_accepted()
    {
        var configuration = Read("<LifecycleConfiguration>"
            + RuleXml("a", "<Expiration><Days>1</Days></Expiration><Tag><Key>k</Key><Value>1</Value></Tag>", "x")
            + RuleXml("a", "<Expiration><Days>2</Days></Expiration><Tag><Key>k</Key><Value>2</Value></Tag>", "y") + "</LifecycleConfiguration>");

        Assert.Equal(2, configuration.Rules.Count);
    }

    private static LifecycleConfiguration Read(string document) => OssLifecycleDocument.Read(XElement.Parse(document));

    private static string Write(LifecycleConfiguration configuration)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement(OssLifecycleDocument.Root);
            OssLifecycleDocument.Write(xml, configuration);
            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static string Rule(string actions, string status = "Enabled") =>
        "<LifecycleConfiguration>" + RuleXml("p/", actions, "rule", status) + "</LifecycleConfiguration>";

    private static string RuleXml(string prefix, string actions, string id, string status = "Enabled") =>
        $"<Rule><ID>{id}</ID><Prefix>{prefix}</Prefix><Status>{status}</Status>{actions}</Rule>";
}
