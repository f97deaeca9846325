using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.Multipart;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>The CompleteMultipartUpload document: its root and every Part exactly as S3 defines them, or MalformedXML.</summary>
public class CompleteMultipartUploadRequestTests
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    [Theory]
    [InlineData("")]
    [InlineData(" xmlns=\"" + S3Namespace + "\"")]
    public async Task A_root_in_no_namespace_or_the_s3_namespace_is_read(string namespaceDeclaration)
    {
        var parts = await ReadAsync($"<CompleteMultipartUpload{namespaceDeclaration}><Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag></Part>"
            + "<Part><PartNumber>2</PartNumber><ETag>\"e2\"</ETag></Part></CompleteMultipartUpload>");

        Assert.Equal([(1, "\"e1\""), (2, "\"e2\"")], parts.Select(p => (p.PartNumber, p.ETag)));
    }

    [Theory]
    [InlineData("<CompleteMultipartUpload xmlns=\"urn:not-s3\"><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<x:CompleteMultipartUpload xmlns:x=\"http://s3.amazonaws.com/doc/2006-03-01/extra\"><x:Part><x:PartNumber>1</x:PartNumber><x:ETag>e</x:ETag></x:Part></x:CompleteMultipartUpload>")]
    [InlineData("<Delete><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></Delete>")]
    public async Task A_root_in_a_foreign_namespace_or_of_another_name_is_malformed_xml(string document)
    {
        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    [Fact]
    public async Task A_part_with_two_part_numbers_is_malformed_xml()
    {
        const string document = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><PartNumber>2</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>";

        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    [Fact]
    public async Task A_part_with_two_etags_is_malformed_xml()
    {
        const string document = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a</ETag><ETag>b</ETag></Part></CompleteMultipartUpload>";

        var error = await Assert.ThrowsAsync<CairnException>(() => ReadAsync(document));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    private static async Task<IReadOnlyList<CompletePart>> ReadAsync(string document) =>
        await CompleteMultipartUploadRequest.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(document)), 1024 * 1024, CancellationToken.None);
}
