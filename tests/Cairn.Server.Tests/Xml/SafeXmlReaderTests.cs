using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Server.Xml;

namespace Cairn.Server.Tests.Xml;

/// <summary>
/// The reader of XML control documents (DeleteObjects, CompleteMultipartUpload): every document up to the size cap
/// is parsed or refused as MalformedXML in linear time, whatever its shape, and nesting stops at 32 levels.
/// </summary>
public class SafeXmlReaderTests
{
    private const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>
    /// A guard, not a benchmark: a linear parse of 2 MiB takes well under it even on a loaded machine, while
    /// building the tree of a 100,000-deep document the quadratic way took 15 s and more (and the XML reader alone
    /// took about 4 s over 200,000 attributes on one element before attributes were counted up front).
    /// </summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Thirty_two_levels_of_nesting_are_accepted()
    {
        var document = await ReadAsync(Nested(32));

        Assert.Equal(31, document.Descendants().Count());
    }

    [Theory]
    [InlineData(33)]
    [InlineData(1_000)]
    public async Task More_than_thirty_two_levels_of_nesting_are_malformed_xml(int depth)
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(Nested(depth)));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    [Fact]
    public async Task Sixteen_attributes_on_an_element_are_accepted_and_seventeen_are_malformed_xml()
    {
        static string Element(int attributes) =>
            "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"" + string.Concat(Enumerable.Range(1, attributes - 1).Select(i => $" xmlns:p{i}='u{i}'"))
            + "><!-- a=b=c=d=e=f=g=h=i=j=k=l=m=n=o=p=q=r --><Object><Key><![CDATA[k=1=2=3=4=5=6=7=8=9=10=11=12=13=14=15=16=17]]></Key></Object></Delete>";

        var document = await ReadAsync(Element(16));
        Assert.Equal("k=1=2=3=4=5=6=7=8=9=10=11=12=13=14=15=16=17", document.Descendants().Single(e => e.Name.LocalName == "Key").Value);

        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(Element(17)));
        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    [Fact]
    public async Task A_document_nested_100000_deep_is_refused_quickly()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(Nested(100_000)));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
        Assert.True(stopwatch.Elapsed < Quickly, $"refusing took {stopwatch.Elapsed}");
    }

    public static TheoryData<string> PathologicalDocuments => new()
    {
        "many attributes on one element",
        "many namespace declarations on one element",
        "a very long element name",
        "a very long attribute name",
        "a very long text",
        "over 100,000 empty siblings",
        "over 100,000 siblings each declaring a namespace",
        "nesting just under the limit, repeated",
    };

    [Theory]
    [MemberData(nameof(PathologicalDocuments))]
    public async Task A_pathological_document_of_2_MiB_is_parsed_or_refused_quickly(string shape)
    {
        var document = Pathological(shape);
        Assert.InRange(Encoding.UTF8.GetByteCount(document), MaxBytes / 2, MaxBytes);
        var stopwatch = Stopwatch.StartNew();

        try
        {
            await ReadAsync(document);
        }
        catch (CairnException e)
        {
            Assert.Equal(ErrorCode.MalformedXML, e.Code);
        }

        Assert.True(stopwatch.Elapsed < Quickly, $"{shape}: took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_document_over_the_size_cap_is_malformed_xml()
    {
        var document = "<Delete>" + new string(' ', MaxBytes) + "</Delete>";

        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    private static async Task<XElement> ReadAsync(string document) =>
        await SafeXmlReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(document)), MaxBytes, CancellationToken.None);

    /// <summary>A Delete root with <paramref name="depth"/> levels in all (the root is the first).</summary>
    private static string Nested(int depth)
    {
        var builder = new StringBuilder("<Delete>");
        for (var i = 1; i < depth; i++)
        {
            builder.Append("<a>");
        }

        for (var i = 1; i < depth; i++)
        {
            builder.Append("</a>");
        }

        return builder.Append("</Delete>").ToString();
    }

    /// <summary>A document of nearly 2 MiB: one small unit repeated, or one huge name or text.</summary>
    private static string Pathological(string shape)
    {
        const int budget = MaxBytes - 1024;
        string Repeat(string open, Func<int, string> unit, string close)
        {
            var builder = new StringBuilder(open, MaxBytes);
            for (var i = 0; builder.Length < budget; i++)
            {
                builder.Append(unit(i));
            }

            return builder.Append(close).ToString();
        }

        return shape switch
        {
            "many attributes on one element" => Repeat("<Delete", i => $" a{i}=\"\"", "/>"),
            "many namespace declarations on one element" => Repeat("<Delete", i => $" xmlns:p{i}=\"u{i}\"", "><p7:Object/></Delete>"),
            "a very long element name" => $"<Delete><n{new string('a', budget)}/></Delete>",
            "a very long attribute name" => $"<Delete n{new string('a', budget)}=\"v\"/>",
            "a very long text" => $"<Delete><Object><Key>{new string('k', budget)}</Key></Object></Delete>",
            "over 100,000 empty siblings" => Repeat("<Delete>", _ => "<a/>", "</Delete>"),
            "over 100,000 siblings each declaring a namespace" => Repeat("<Delete>", i => $"<p:a xmlns:p=\"{i}\"/>", "</Delete>"),
            "nesting just under the limit, repeated" => Repeat("<Delete>", _ => Nested(31)[8..^9], "</Delete>"),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
    }
}
