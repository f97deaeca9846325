using Cairn.Core.Limits;
using Cairn.Core.Objects;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.S3;

/// <summary>DeleteObjects (<c>POST ?delete</c>) in S3's spelling: the Delete document in, the DeleteResult document out.</summary>
internal static class S3DeleteObjectsCodec
{
    public static async Task<DeleteObjectsInput> ReadAsync(OperationRequest r, StorageLimits limits)
    {
        // New SDKs send x-amz-checksum-crc32 instead of Content-MD5 (docs/s3-compatibility.md "Checksums"): either is verified, neither required.
        var integrity = ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth);
        var body = new VerifyingReadStream(r.OpenBody(), integrity);
        var document = await S3Xml.ReadDocumentAsync(body, limits.MaxXmlBodyBytes, "Delete", r.Aborted);

        var quiet = string.Equals(document.ChildValue("Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var entries = document.Children("Object")
            .Select(o => new DeleteObjectsEntry(o.ChildValue("Key"), o.ChildValue("VersionId"), o.ChildValue("ETag")))
            .ToList();
        return new DeleteObjectsInput(quiet, entries);
    }

    public static Task WriteAsync(OperationRequest r, DeleteObjectsResult result) =>
        S3Xml.WriteAsync(r.Response, "DeleteResult", xml =>
        {
            foreach (var (key, versionId, error, message) in result.Outcomes)
            {
                if (error is null && result.Quiet)
                {
                    continue;
                }

                xml.Start(error is null ? "Deleted" : "Error");
                xml.Element("Key", key);
                xml.Element("VersionId", versionId);
                if (error is not null)
                {
                    xml.Element("Code", error.Code);
                    xml.Element("Message", message);
                }

                xml.WriteEndElement();
            }
        }, r.Aborted);
}
