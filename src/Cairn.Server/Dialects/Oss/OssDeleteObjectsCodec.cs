using Cairn.Core.Limits;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// DeleteMultipleObjects (<c>POST ?delete</c>) in OSS's spelling: <c>Delete{Quiet, Object{Key}}</c> in, its
/// Content-MD5 verified as it is read; <c>DeleteResult{EncodingType?, Deleted{Key}}</c> out, the keys URL-encoded
/// with <c>encoding-type=url</c>. A key that could not be deleted is reported in an Error element, never as Deleted.
/// </summary>
internal static class OssDeleteObjectsCodec
{
    public static async Task<DeleteObjectsInput> ReadAsync(OperationRequest r, StorageLimits limits)
    {
        // The response's encoding is checked before anything is deleted.
        KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        var document = await OssXml.ReadDocumentAsync(r, limits.MaxXmlBodyBytes, "Delete");
        var quiet = string.Equals(document.ChildValue("Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var entries = document.Children("Object")
            .Select(o => new DeleteObjectsEntry(o.ChildValue("Key"), o.ChildValue("VersionId"), null))
            .ToList();
        return new DeleteObjectsInput(quiet, entries);
    }

    public static Task WriteAsync(OperationRequest r, DeleteObjectsResult result)
    {
        var encoding = KeyEncoding.FromQuery(r.Request.Query["encoding-type"]);
        return OssXml.WriteAsync(r.Response, "DeleteResult", xml =>
        {
            if (encoding.IsUrl)
            {
                xml.Element("EncodingType", "url");
            }

            foreach (var (key, versionId, error, message) in result.Outcomes)
            {
                if (error is null && result.Quiet)
                {
                    continue;
                }

                xml.Start(error is null ? "Deleted" : "Error");
                xml.Element("Key", encoding.Encode(key));
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
}
