using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Objects;
using Cairn.Server.Errors;
using Cairn.Server.Hosting;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;
using Cairn.Server.Xml;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Handlers;

/// <summary>DeleteObjects (<c>POST ?delete</c>): up to 1,000 keys, Quiet mode, an error entry per failing key.</summary>
internal sealed class DeleteObjectsHandler(ObjectService objects, IOptions<CairnOptions> options)
{
    public async Task DeleteObjectsAsync(S3Request r)
    {
        var limits = options.Value.Limits;
        await objects.RequireBucketAsync(r.Bucket, r.Aborted);

        // New SDKs send x-amz-checksum-crc32 instead of Content-MD5 (SPEC.md §1.8): either is verified, neither required.
        var integrity = ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth);
        var body = new VerifyingReadStream(r.OpenBody(), integrity);
        var document = await SafeXmlReader.ReadAsync(body, limits.MaxXmlBodyBytes, "Delete", r.Aborted);

        var quiet = string.Equals(document.ChildValue("Quiet"), "true", StringComparison.OrdinalIgnoreCase);
        var entries = document.Children("Object")
            .Select(o => (Key: o.ChildValue("Key"), VersionId: o.ChildValue("VersionId"), ETag: o.ChildValue("ETag")))
            .ToList();
        if (entries.Count == 0 || entries.Count > limits.MaxDeleteObjects || entries.Any(e => e.Key is null))
        {
            throw new CairnException(ErrorCode.MalformedXML);
        }

        var results = new List<(string Key, string? VersionId, ErrorEntry? Error, string? Message)>(entries.Count);
        foreach (var (key, versionId, etag) in entries)
        {
            try
            {
                VersionIdQuery.RequireNull(versionId);
                ObjectKey.Validate(key, limits.MaxKeyBytes);

                // Conditional delete per object: <ETag> works like If-Match on DeleteObject.
                var condition = string.IsNullOrWhiteSpace(etag) ? WriteCondition.None : new WriteCondition(false, etag.Trim());
                await objects.DeleteAsync(r.Bucket, key!, condition, r.Aborted);
                results.Add((key!, versionId, null, null));
            }
            catch (CairnException e)
            {
                var entry = ErrorCatalogue.Get(e.Code);
                results.Add((key!, versionId, entry, e.Detail ?? entry.Message));
            }
        }

        await XmlResponse.WriteAsync(r.Response, "DeleteResult", xml =>
        {
            foreach (var (key, versionId, error, message) in results)
            {
                if (error is null && quiet)
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
}
