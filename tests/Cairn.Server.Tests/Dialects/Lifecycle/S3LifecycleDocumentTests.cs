using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Tagging;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Tests.Dialects.Lifecycle;

/// <summary>S3's LifecycleConfiguration read into the model, written back in the form it was given, bad documents refused with S3's codes.</summary>
public sealed class S3LifecycleDocumentTests
{
    private const string Full = """
        <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Rule>
            <ID>logs</ID>
            <Filter><And><Prefix>logs/</Prefix><Tag><Key>tier</Key><Value>cold</Value></Tag><ObjectSizeGreaterThan>100</ObjectSizeGreaterThan><ObjectSizeLessThan>5000</ObjectSizeLessThan></And></Filter>
            <Status>Enabled</Status>
            <Transition><Days>30</Days><StorageClass>STANDARD_IA</StorageClass></Transition>
            <Expiration><Days>365</Days></Expiration>
            <NoncurrentVersionTransition><NoncurrentDays>10</NoncurrentDays><StorageClass>GLACIER</StorageClass><NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionTransition>
            <NoncurrentVersionExpiration><NoncurrentDays>40</NoncurrentDays><NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration>
          </Rule>
          <Rule>
            <ID>uploads</ID>
            <Filter><Prefix>uploads/</Prefix></Filter>
            <Status>Disabled</Status>
            <AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload>
          </Rule>
          <Rule>
            <ID>dated</ID>
            <Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>
            <Status>Enabled</Status>
            <Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration>
          </Rule>
          <Rule>
            <ID>markers</ID>
            <Filter></Filter>
            <Status>Enabled</Status>
            <Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>
          </Rule>
        </LifecycleConfiguration>
        """;

    [Fact]
    public void Every_element_is_read_into_the_model()
    {
        var rules = Read(Full).Rules;

        Assert.Equal(["logs", "uploads", "dated", "markers"], rules.Select(r => r.Id));
        var logs = rules[0];
        Assert.True(logs.Enabled);
        Assert.Equal("logs/", logs.Filter.Prefix);
        Assert.Equal(new TagSet([new Tag("tier", "cold")]), logs.Filter.Tags);
        Assert.Equal(100, logs.Filter.ObjectSizeGreaterThan);
        Assert.Equal(5000, logs.Filter.ObjectSizeLessThan);
        Assert.Equal(365, logs.Expiration!.Days);
        Assert.Equal(30, Assert.Single(logs.Transitions).Days);
        Assert.Equal("GLACIER", Assert.Single(logs.NoncurrentVersionTransitions).StorageClass);
        Assert.Equal(40, logs.NoncurrentVersionExpiration!.NoncurrentDays);
        Assert.Equal(3, logs.NoncurrentVersionExpiration.NewerNoncurrentVersions);
        Assert.False(rules[1].Enabled);
        Assert.Equal(7, rules[1].AbortIncompleteUpload!.Days);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), rules[2].Expiration!.Date);
        Assert.True(rules[3].Expiration!.ExpiredObjectDeleteMarker);
        Assert.Equal(LifecycleFilter.Everything, rules[3].Filter);
    }

    [Fact]
    public void A_configuration_written_back_reads_as_the_same_configuration()
    {
        var configuration = Read(Full);

        var again = Read(Write(configuration));

        Assert.Equal(LifecycleJson.Write(configuration), LifecycleJson.Write(again));
    }

    [Fact]
    public void A_legacy_prefix_is_answered_as_a_legacy_prefix_and_several_conditions_in_an_And()
    {
        var legacy = Write(Read("<LifecycleConfiguration><Rule><ID>a</ID><Prefix>p/</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>"));
        var rule = XElement.Parse(legacy).Elements().Single();
        Assert.Equal("p/", rule.Elements().Single(e => e.Name.LocalName == "Prefix").Value);
        Assert.DoesNotContain(rule.Elements(), e => e.Name.LocalName == "Filter");

        var filtered = XElement.Parse(Write(Read(Full)));
        Assert.Contains(filtered.Descendants(), e => e.Name.LocalName == "And");
        var everything = filtered.Elements().Last().Elements().Single(e => e.Name.LocalName == "Filter");
        Assert.Equal("Prefix", everything.Elements().Single().Name.LocalName);
    }

    [Fact]
    public void A_rule_without_an_ID_gets_one()
    {
        var rule = Assert.Single(Read(Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>", id: null)).Rules);

        Assert.Equal(48, rule.Id.Length);
        Assert.NotEqual(rule.Id, Assert.Single(Read(Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>", id: "")).Rules).Id);
    }

    public static TheoryData<string, string, ErrorCode, string?> BadDocuments => new()
    {
        { "1,001 rules", Rules(1001), ErrorCode.InvalidRequest, "The number of lifecycle rules must not exceed the allowed limit of 1000 rules." },
        { "no rule", "<LifecycleConfiguration/>", ErrorCode.InvalidRequest, "At least one lifecycle rule must be specified." },
        { "duplicate IDs", "<LifecycleConfiguration>" + RuleXml("<Filter/>", "<Expiration><Days>1</Days></Expiration>", "same") + RuleXml("<Filter/>", "<Expiration><Days>2</Days></Expiration>", "same") + "</LifecycleConfiguration>",
            ErrorCode.InvalidArgument, "Rule ID must be unique. Found same ID for more than one rule" },
        { "ID of 256 characters", Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>", new string('i', 256)), ErrorCode.InvalidArgument, "ID length should not exceed allowed limit of 255" },
        { "Days = 0", Rule("<Filter/>", "<Expiration><Days>0</Days></Expiration>"), ErrorCode.InvalidArgument, "'Days' for Expiration action must be a positive integer" },
        { "Days < 0", Rule("<Filter/>", "<Expiration><Days>-3</Days></Expiration>"), ErrorCode.InvalidArgument, "'Days' for Expiration action must be a positive integer" },
        { "DaysAfterInitiation = 0", Rule("<Filter/>", "<AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload>"),
            ErrorCode.InvalidArgument, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer" },
        { "a Date not at midnight", Rule("<Filter/>", "<Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration>"), ErrorCode.InvalidArgument, "'Date' must be at midnight GMT" },
        { "both Days and Date", Rule("<Filter/>", "<Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration>"), ErrorCode.MalformedXML, null },
        { "a Date that is no date", Rule("<Filter/>", "<Expiration><Date>soon</Date></Expiration>"), ErrorCode.MalformedXML, null },
        { "Days that is no number", Rule("<Filter/>", "<Expiration><Days>one</Days></Expiration>"), ErrorCode.MalformedXML, null },
        { "an unknown element in a rule", Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration><Colour>red</Colour>"), ErrorCode.MalformedXML, null },
        { "an unknown element in an Expiration", Rule("<Filter/>", "<Expiration><Days>1</Days><Hours>2</Hours></Expiration>"), ErrorCode.MalformedXML, null },
        { "an unknown root child", "<LifecycleConfiguration><Rules/></LifecycleConfiguration>", ErrorCode.MalformedXML, null },
        { "Status enabled in lower case", Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>", status: "enabled"), ErrorCode.MalformedXML, null },
        { "no Status", Rule("<Filter/>", "<Expiration><Days>1</Days></Expiration>", status: null), ErrorCode.MalformedXML, null },
        { "neither Filter nor Prefix", Rule("", "<Expiration><Days>1</Days></Expiration>"), ErrorCode.MalformedXML, null },
        { "both Filter and Prefix", Rule("<Filter/><Prefix>a</Prefix>", "<Expiration><Days>1</Days></Expiration>"), ErrorCode.InvalidRequest,
            "Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter." },
        { "a Filter after legacy rules", "<LifecycleConfiguration>" + RuleXml("<Prefix>a</Prefix>", "<Expiration><Days>1</Days></Expiration>", "a") + RuleXml("<Filter/>", "<Expiration><Days>1</Days></Expiration>", "b") + "</LifecycleConfiguration>",
            ErrorCode.InvalidRequest, "Filter element can only be used in Lifecycle V2." },
        { "two conditions outside an And", Rule("<Filter><Prefix>a</Prefix><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter>", "<Expiration><Days>1</Days></Expiration>"), ErrorCode.MalformedXML, null },
        { "AbortIncompleteMultipartUpload with a tag filter", Rule("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>", "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"),
            ErrorCode.InvalidRequest, "AbortIncompleteMultipartUpload cannot be specified with Tags." },
        { "AbortIncompleteMultipartUpload with a size filter", Rule("<Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter>", "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"),
            ErrorCode.InvalidRequest, "AbortIncompleteMultipartUpload cannot be specified with Object Size." },
        { "ExpiredObjectDeleteMarker with tags", Rule("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>", "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"),
            ErrorCode.InvalidRequest, "ExpiredObjectDeleteMarker cannot be specified with Tags." },
        { "ExpiredObjectDeleteMarker with Days", Rule("<Filter/>", "<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"), ErrorCode.MalformedXML, null },
        { "overlapping legacy prefixes", "<LifecycleConfiguration>" + RuleXml("<Prefix>test1/</Prefix>", "<Expiration><Days>2</Days></Expiration>", "a") + RuleXml("<Prefix>test3/</Prefix>", "<Expiration><Days>3</Days></Expiration>", "b") + RuleXml("<Prefix>test1/abc</Prefix>", "<Expiration><Days>5</Days></Expiration>", "c") + "</LifecycleConfiguration>",
            ErrorCode.InvalidRequest, "Found overlapping prefixes 'test1/' and 'test1/abc' for same action type 'Expiration'" },
        { "ObjectSizeGreaterThan >= ObjectSizeLessThan", Rule("<Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>10</ObjectSizeLessThan></And></Filter>", "<Expiration><Days>1</Days></Expiration>"),
            ErrorCode.InvalidRequest, "'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'." },
        { "a rule with no action", Rule("<Filter/>", ""), ErrorCode.InvalidRequest, "At least one action needs to be specified in a rule" },
        { "a repeated tag key", Rule("<Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>", "<Expiration><Days>1</Days></Expiration>"),
            ErrorCode.InvalidRequest, "Duplicate Tag Keys are not allowed." },
        { "a transition to an unknown class", Rule("<Filter/>", "<Transition><Days>1</Days><StorageClass>COLD</StorageClass></Transition>"), ErrorCode.MalformedXML, null },
        { "NewerNoncurrentVersions in a legacy rule", Rule("<Prefix>a</Prefix>", "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>"),
            ErrorCode.InvalidRequest, "NewerNoncurrentVersions element can only be used in Lifecycle V2." },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_document_is_refused_as_S3_refuses_it(string why, string document, ErrorCode code, string? message)
    {
        var error = Assert.Throws<CairnException>(() => Read(document));

        Assert.True(code == error.Code, $"{why}: {error.Code} {error.Message}");
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    [Fact]
    public void Overlapping_prefixes_are_allowed_in_Filter_rules_and_for_different_actions()
    {
        Read("<LifecycleConfiguration>" + RuleXml("<Filter><Prefix>a</Prefix></Filter>", "<Expiration><Days>1</Days></Expiration>", "x")
            + RuleXml("<Filter><Prefix>ab</Prefix></Filter>", "<Expiration><Days>2</Days></Expiration>", "y") + "</LifecycleConfiguration>");
        Read("<LifecycleConfiguration>" + RuleXml("<Prefix>a</Prefix>", "<Expiration><Days>1</Days></Expiration>", "x")
            + RuleXml("<Prefix>ab</Prefix>", "<AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload>", "y") + "</LifecycleConfiguration>");
    }

    [Fact]
    public void A_thousand_rules_are_accepted()
    {
        Assert.Equal(LifecycleConfiguration.MaxRules, Read(Rules(1000)).Rules.Count);
    }

    private static LifecycleConfiguration Read(string document) => S3LifecycleDocument.Read(XElement.Parse(document));

    private static string Write(LifecycleConfiguration configuration)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement(S3LifecycleDocument.Root, S3Xml.Namespace);
            S3LifecycleDocument.Write(xml, configuration);
            xml.WriteEndElement();
        }

        return text.ToString();
    }

    private static string Rules(int count) =>
        "<LifecycleConfiguration>" + string.Concat(Enumerable.Range(0, count).Select(i => RuleXml("<Filter/>", "<Expiration><Days>1</Days></Expiration>", "r" + i))) + "</LifecycleConfiguration>";

    private static string Rule(string scope, string actions, string? id = "rule", string? status = "Enabled") =>
        "<LifecycleConfiguration>" + RuleXml(scope, actions, id, status) + "</LifecycleConfiguration>";

    private static string RuleXml(string scope, string actions, string? id, string? status = "Enabled") =>
        "<Rule>" + (id is null ? "" : $"<ID>{id}</ID>") + scope + (status is null ? "" : $"<Status>{status}</Status>") + actions + "</Rule>";
}
